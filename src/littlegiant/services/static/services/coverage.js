// Coverage map: provinces coloured by the share of counties with an institution of their own.
(function () {
  "use strict";
  var holder = document.getElementById("coverage-map");
  var source = document.getElementById("coverage-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var rows = JSON.parse(source.textContent);
  var labels = JSON.parse(document.getElementById("coverage-labels").textContent);
  fetch(holder.dataset.geojson, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (geojson) {
      echarts.registerMap("china-provinces", geojson);
      var chart = echarts.init(holder);
      chart.setOption({
        tooltip: {
          trigger: "item",
          formatter: function (item) {
            var row = item.data;
            if (!row) { return item.name + ": " + labels.noData; }
            return row.label + "<br>" + labels.counties + ": " + row.countiesCovered + " / " + row.counties +
              " (" + row.value + "%)<br>" + labels.prefectures + ": " +
              (row.prefectures ? row.prefecturesCovered + " / " + row.prefectures : labels.notApplicable);
          }
        },
        visualMap: {
          min: 0, max: 100, left: "left", bottom: 10, text: ["100%", "0%"], calculable: true,
          inRange: { color: ["#b3261e", "#f2c94c", "#1e7b34"] }
        },
        series: [{
          type: "map", map: "china-provinces", nameProperty: "adcode", roam: false,
          emphasis: { label: { show: false } },
          data: rows.map(function (row) {
            return {
              name: row.code, label: row.name, value: row.value, counties: row.counties,
              countiesCovered: row.countiesCovered, prefectures: row.prefectures,
              prefecturesCovered: row.prefecturesCovered
            };
          })
        }]
      });
      chart.on("click", function (item) {
        if (item.data) { window.location.search = "?region=" + item.data.name; }
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
})();
