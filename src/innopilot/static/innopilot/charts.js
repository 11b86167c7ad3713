/* Small wrappers around Apache ECharts (served by the app itself) for Innopilot's pages. */
window.Innopilot = window.Innopilot || {};
Innopilot.barChart = function (elementId, dataId) {
  var element = document.getElementById(elementId);
  var data = JSON.parse(document.getElementById(dataId).textContent);
  var chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 40, right: 16, top: 16, bottom: 90 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: data.labels, axisLabel: { rotate: 60, interval: 0, fontSize: 11 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", data: data.values, itemStyle: { color: "#1f5fa8" } }],
    animation: false
  });
  window.addEventListener("resize", function () { chart.resize(); });
  element.dataset.ready = "true";
  return chart;
};
