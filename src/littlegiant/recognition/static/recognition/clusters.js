// Public cluster map: provinces coloured by the number of recognised clusters (the table below has the figures).
(function () {
  "use strict";
  var holder = document.getElementById("clusters-map");
  var source = document.getElementById("clusters-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var rows = JSON.parse(source.textContent);
  var most = rows.reduce(function (m, row) { return Math.max(m, row.value); }, 1);
  fetch(holder.dataset.geojson)
    .then(function (response) { return response.json(); })
    .then(function (geojson) {
      echarts.registerMap("china-provinces", geojson);
      echarts.init(holder).setOption({
        tooltip: { trigger: "item", formatter: function (item) { return item.data ? item.data.label + ": " + item.data.value : item.name; } },
        visualMap: { min: 0, max: most, left: "left", bottom: 10, calculable: true, inRange: { color: ["#e8f1fb", "#1f5fa8"] } },
        series: [{
          type: "map", map: "china-provinces", nameProperty: "adcode", roam: false,
          data: rows.map(function (row) { return { name: row.code, label: row.name, value: row.value }; })
        }]
      });
    });
}());
