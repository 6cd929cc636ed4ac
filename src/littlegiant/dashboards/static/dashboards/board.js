// Dashboards: one ECharts chart per figure, drawn from the same rows as the figure's table.
(function () {
  "use strict";
  if (typeof echarts === "undefined") { return; }
  var source = document.getElementById("dashboard-charts");
  if (!source) { return; }
  var charts = JSON.parse(source.textContent);
  var drawn = [];
  function holder(key) { return document.getElementById("chart-" + key); }
  function axisChart(element, data, stacked) {
    var chart = echarts.init(element);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { containLabel: true, left: 8, right: 8, top: 16, bottom: 40 },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 8 ? 40 : 0 } },
      yAxis: { type: "value" },
      series: data.series.map(function (series) {
        return { name: series.name, type: "bar", stack: stacked ? "all" : undefined, data: series.data };
      })
    });
    drawn.push(chart);
  }
  function funnelChart(element, data) {
    var chart = echarts.init(element);
    var series = data.series[0];
    chart.setOption({
      tooltip: { trigger: "item" },
      series: [{
        type: "funnel", sort: "none", minSize: "8%", label: { show: true, position: "inside" },
        data: data.categories.map(function (name, index) { return { name: name, value: series.data[index] }; })
      }]
    });
    drawn.push(chart);
  }
  function mapChart(element, data) {
    var total = data.categories.map(function (name, index) {
      return data.series.reduce(function (sum, series) { return sum + (series.data[index] || 0); }, 0);
    });
    var max = Math.max.apply(null, total.concat([1]));
    fetch(element.dataset.geojson, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        echarts.registerMap("china-provinces", geojson);
        var chart = echarts.init(element);
        chart.setOption({
          tooltip: { trigger: "item", formatter: function (item) { return item.data ? item.data.label + ": " + item.data.value : item.name; } },
          visualMap: { min: 0, max: max, left: "left", bottom: 10, calculable: true, inRange: { color: ["#e8f0fb", "#1f4e9c"] } },
          series: [{
            type: "map", map: "china-provinces", nameProperty: "adcode", roam: false,
            data: data.codes.map(function (code, index) { return { name: code, label: data.categories[index], value: total[index] }; })
          }]
        });
        drawn.push(chart);
      });
  }
  Object.keys(charts).forEach(function (key) {
    var element = holder(key);
    var data = charts[key];
    if (!element || !data.categories.length) { return; }
    if (data.kind === "funnel") { funnelChart(element, data); }
    else if (data.kind === "map" && element.dataset.geojson) { mapChart(element, data); }
    else { axisChart(element, data, data.kind === "stacked"); }
  });
  window.addEventListener("resize", function () { drawn.forEach(function (chart) { chart.resize(); }); });
})();
