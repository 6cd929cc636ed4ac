// Gains and losses by region as a bar chart (ECharts, the vendored asset the other pages use).
(function () {
  "use strict";
  function draw() {
    var element = document.getElementById("whatif-chart");
    var source = document.getElementById("whatif-chart-data");
    if (!element || !source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(element);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 48 },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: data.gain_label, type: "bar", data: data.gains, itemStyle: { color: "#2e7d32" } },
        { name: data.loss_label, type: "bar", data: data.losses, itemStyle: { color: "#c62828" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
