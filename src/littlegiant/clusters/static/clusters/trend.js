// A cluster's output trend: total output (亿元, left axis) and the SMEs' and main industry's shares (%, right
// axis) by year. The table below the chart holds the same figures for readers without JavaScript.
(function () {
  "use strict";
  var holder = document.getElementById("cluster-trend");
  var source = document.getElementById("cluster-trend-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 24, bottom: 48 },
    xAxis: { type: "category", data: data.years },
    yAxis: [
      { type: "value", min: 0 },
      { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }
    ],
    series: [
      { name: holder.dataset.total, type: "line", data: data.total },
      { name: holder.dataset.sme, type: "line", yAxisIndex: 1, data: data.sme_share },
      { name: holder.dataset.main, type: "line", yAxisIndex: 1, data: data.main_share }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
}());
