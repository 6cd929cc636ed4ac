// Bar charts of a screening's enterprises by outcome; drawn again when htmx swaps in a finished run.
(function () {
  "use strict";
  function draw(root) {
    if (typeof echarts === "undefined") { return; }
    root.querySelectorAll(".screening-chart").forEach(function (element) {
      var source = document.getElementById(element.dataset.source);
      if (!source || element.dataset.drawn) { return; }
      var data = JSON.parse(source.textContent);
      var chart = echarts.init(element);
      chart.setOption({
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 48, bottom: 32 },
        xAxis: { type: "category", data: data.categories },
        yAxis: { type: "value", minInterval: 1 },
        series: data.series.map(function (s) { return { name: s.name, type: "bar", data: s.data }; })
      });
      element.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(document); });
})();
