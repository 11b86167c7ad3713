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
/* A radar of scores 0–100, one polygon per series (this year's, last year's): {indicators, series}. */
Innopilot.radarChart = function (elementId, dataId) {
  var element = document.getElementById(elementId);
  var data = JSON.parse(document.getElementById(dataId).textContent);
  var colors = ["#1f5fa8", "#9aa7b8"];
  var chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption({
    tooltip: {},
    legend: { bottom: 0, data: data.series.map(function (s) { return s.name; }) },
    radar: { indicator: data.indicators, radius: "55%", center: ["50%", "48%"], axisName: { color: "#333", fontSize: 12, width: 84, overflow: "break" } },
    series: [{
      type: "radar",
      data: data.series.map(function (s, index) {
        return {
          name: s.name, value: s.values,
          itemStyle: { color: colors[index % colors.length] },
          areaStyle: index === 0 ? { opacity: 0.25 } : undefined,
          lineStyle: index === 0 ? { width: 2 } : { type: "dashed" }
        };
      })
    }],
    animation: false
  });
  window.addEventListener("resize", function () { chart.resize(); });
  element.dataset.ready = "true";
  return chart;
};
/* Horizontal bars of scores 0–100 with long labels (clauses), first item at the top: {labels, values}. */
Innopilot.scoreBarChart = function (elementId, dataId) {
  var element = document.getElementById(elementId);
  var data = JSON.parse(document.getElementById(dataId).textContent);
  element.style.height = Math.max(240, 26 * data.labels.length + 60) + "px";
  var chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", min: 0, max: 100 },
    yAxis: { type: "category", inverse: true, data: data.labels, axisLabel: { fontSize: 11, width: 260, overflow: "truncate" } },
    series: [{
      type: "bar", data: data.values, barMaxWidth: 18,
      label: { show: true, position: "right", formatter: function (p) { return p.value == null ? "" : Math.round(p.value); } },
      itemStyle: { color: function (p) { return p.value < 40 ? "#c0392b" : p.value < 60 ? "#e0a800" : "#1f5fa8"; } }
    }],
    animation: false
  });
  window.addEventListener("resize", function () { chart.resize(); });
  element.dataset.ready = "true";
  return chart;
};
/* Confirmed enterprises per unit, stacked by campaign year, with a marker for the level expected by
   now; units behind schedule have red labels: {labels, series: [{name, values}], expected, behind}. */
Innopilot.coverageChart = function (elementId, dataId) {
  var element = document.getElementById(elementId);
  var data = JSON.parse(document.getElementById(dataId).textContent);
  var colors = ["#9ec5fe", "#3d8bfd", "#1f5fa8", "#0a3d7a", "#052c65"];
  var chart = echarts.init(element, null, { renderer: "svg" });
  var series = data.series.map(function (s, index) {
    return { name: s.name, type: "bar", stack: "confirmed", data: s.values, itemStyle: { color: colors[index % colors.length] } };
  });
  series.push({
    name: data.expected.name, type: "scatter", data: data.expected.values, symbol: "rect", symbolSize: [16, 3],
    itemStyle: { color: "#c0392b" }, z: 5
  });
  chart.setOption({
    grid: { left: 40, right: 16, top: 36, bottom: 90 },
    legend: { top: 0 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: {
      type: "category", data: data.labels,
      axisLabel: { rotate: 60, interval: 0, fontSize: 11, color: function (value, index) { return data.behind[index] ? "#c0392b" : "#333"; } }
    },
    yAxis: { type: "value", minInterval: 1 },
    series: series,
    animation: false
  });
  window.addEventListener("resize", function () { chart.resize(); });
  element.dataset.ready = "true";
  return chart;
};
