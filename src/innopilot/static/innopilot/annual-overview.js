/* The officials' annual data overview: reports per unit stacked by status, with the expected
   enterprises that have not started on top: {labels, series: [{name, key, values}]}. */
window.Innopilot = window.Innopilot || {};
Innopilot.annualStatusChart = function (elementId, dataId) {
  var element = document.getElementById(elementId);
  var data = JSON.parse(document.getElementById(dataId).textContent);
  var colors = { accepted: "#198754", submitted: "#1f5fa8", correcting: "#6f42c1", returned: "#e0a800", draft: "#9ec5fe", not_started: "#dee2e6" };
  var chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 40, right: 16, top: 36, bottom: 90 },
    legend: { top: 0 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "category", data: data.labels, axisLabel: { rotate: 60, interval: 0, fontSize: 11 } },
    yAxis: { type: "value", minInterval: 1 },
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", stack: "reports", data: s.values, itemStyle: { color: colors[s.key] || "#adb5bd" } };
    }),
    animation: false
  });
  window.addEventListener("resize", function () { chart.resize(); });
  element.dataset.ready = "true";
  return chart;
};
