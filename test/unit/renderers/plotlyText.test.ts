import assert from "node:assert/strict";
import { test } from "node:test";
import { plotlyText } from "../../../src/renderers/plotly/plotlyText";

test("payload strings given to plotly keep no tag, entity or template of their own", () => {
  assert.equal(plotlyText("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
  assert.equal(plotlyText('<a href="https://example.com">win</a>'), '&lt;a href="https://example.com"&gt;win&lt;/a&gt;');
  assert.equal(plotlyText("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
  assert.equal(plotlyText("%{fullData.name} 100%"), "&#37;{fullData.name} 100&#37;");
  assert.equal(plotlyText("train loss"), "train loss");
});
