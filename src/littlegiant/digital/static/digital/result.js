// Result radar: the enterprise's points per dimension beside its industry section's and city's averages.
(function () {
  "use strict";
  var holder = document.getElementById("digital-radar");
  var source = document.getElementById("digital-radar-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder);
  chart.setOption({
    tooltip: {},
    legend: { bottom: 0, data: data.series.map(function (s) { return s.name; }) },
    radar: { indicator: data.indicators },
    series: [{ type: "radar", data: data.series }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
