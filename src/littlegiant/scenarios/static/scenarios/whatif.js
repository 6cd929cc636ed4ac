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
  // At national level: provinces coloured by the net change (gains minus losses), province geometry from the
  // service network's map data (reference/data/china_provinces.geojson); a click drills into the province.
  function drawMap() {
    var holder = document.getElementById("whatif-map");
    var source = document.getElementById("whatif-chart-data");
    if (!holder || !source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    fetch(holder.dataset.geojson, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        echarts.registerMap("china-provinces", geojson);
        var chart = echarts.init(holder);
        var extreme = Math.max(1, Math.max.apply(null, data.provinces.map(function (p) { return Math.abs(p.value); })));
        chart.setOption({
          tooltip: {
            trigger: "item",
            formatter: function (item) {
              var row = item.data;
              if (!row) { return item.name; }
              return row.label + "<br>" + data.gain_label + ": " + row.gains + "<br>" + data.loss_label + ": " + row.losses;
            }
          },
          visualMap: { min: -extreme, max: extreme, left: "left", bottom: 10, calculable: true,
            inRange: { color: ["#c62828", "#f5f5f5", "#2e7d32"] } },
          series: [{
            type: "map", map: "china-provinces", nameProperty: "adcode", roam: false,
            emphasis: { label: { show: false } },
            data: data.provinces.map(function (p) {
              return { name: p.code, label: p.label, value: p.value, gains: p.gains, losses: p.losses };
            })
          }]
        });
        chart.on("click", function (item) {
          if (item.data) { window.location.search = "?region=" + item.data.name; }
        });
        window.addEventListener("resize", function () { chart.resize(); });
      });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(); drawMap(); });
})();
