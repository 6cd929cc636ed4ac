// Tracker: provinces coloured by the share at or above the goal level, and the path to 100 % in 2027.
(function () {
  "use strict";
  if (typeof echarts === "undefined") { return; }
  var pathHolder = document.getElementById("tracker-path");
  var pathSource = document.getElementById("tracker-path-data");
  if (pathHolder && pathSource) {
    var data = JSON.parse(pathSource.textContent);
    var chart = echarts.init(pathHolder);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      xAxis: { type: "category", data: data.years },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: pathHolder.getAttribute("aria-label").split(";")[0], type: "bar", data: data.share },
        { name: "100%", type: "line", data: data.needed, lineStyle: { type: "dashed" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var mapHolder = document.getElementById("tracker-map");
  var mapSource = document.getElementById("tracker-map-data");
  if (!mapHolder || !mapSource) { return; }
  var rows = JSON.parse(mapSource.textContent);
  fetch(mapHolder.dataset.geojson, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (geojson) {
      echarts.registerMap("china-provinces", geojson);
      var map = echarts.init(mapHolder);
      map.setOption({
        tooltip: {
          trigger: "item",
          formatter: function (item) {
            return item.data ? item.data.label + ": " + item.data.value + "% (n=" + item.data.total + ")" : item.name;
          }
        },
        visualMap: {
          min: 0, max: 100, left: "left", bottom: 10, text: ["100%", "0%"], calculable: true,
          inRange: { color: ["#b3261e", "#f2c94c", "#1e7b34"] }
        },
        series: [{
          type: "map", map: "china-provinces", nameProperty: "adcode", roam: false,
          data: rows.map(function (row) {
            return { name: row.code, label: row.name, value: row.value, total: row.total };
          })
        }]
      });
      window.addEventListener("resize", function () { map.resize(); });
    });
})();
