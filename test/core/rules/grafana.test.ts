import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed } from '../../support/fixes';
import { allHits, json } from './check';

const dashboard = (extra: Record<string, unknown>): string =>
  json({
    title: 'API',
    uid: 'api',
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus' },
        { name: 'job', type: 'query', datasource: '$datasource', query: 'label_values(up, job)' },
      ],
    },
    __inputs: [{ name: 'DS_PROM', type: 'datasource', pluginId: 'prometheus' }],
    ...extra,
  });

test('panel ids are unique across panels, row panels and legacy rows; the fix proposes a free id', () => {
  const text = dashboard({
    panels: [
      { id: 1, type: 'timeseries', title: 'Requests', gridPos: { x: 0, y: 0, w: 12, h: 8 } },
      { id: 2, type: 'row', collapsed: true, panels: [{ id: 1, type: 'stat', title: 'Errors' }] },
    ],
    rows: [{ panels: [{ id: 2, type: 'graph' }] }],
  });
  const hits = allHits(text, 'api.dashboard.json');
  assert.deepEqual(
    hits.map((h) => [h.code, h.path.join('.'), h.severity]),
    [
      ['grafana.duplicate-panel-id', 'panels.1.panels.0.id', 'error'],
      ['grafana.duplicate-panel-id', 'rows.0.panels.0.id', 'error'],
    ],
  );
  assert.deepEqual([hits[0].data.first, hits[0].data.suggestion, hits[1].data.suggestion], [['panels', 0], 3, 4]);
  assert.match(fixed(text, 'api.dashboard.json', 'grafana.duplicate-panel-id'), /"id": 3,\s*"type": "stat"/);
});

test('data sources naming a variable the dashboard does not define; defined variables, inputs and names are fine', () => {
  const text = dashboard({
    panels: [
      {
        id: 1,
        type: 'timeseries',
        datasource: '$datasource',
        targets: [{ expr: 'up', datasource: { uid: '${DS_PROM}' } }],
      },
      { id: 2, type: 'timeseries', datasource: { type: 'prometheus', uid: '${datasourse}' } },
      { id: 3, type: 'timeseries', datasource: 'Prometheus', targets: [{ datasource: '[[cluster_ds]]', expr: 'up' }] },
      { id: 4, type: 'text', datasource: null },
    ],
  });
  const hits = allHits(text, 'api.dashboard.json');
  assert.deepEqual(
    hits.map((h) => [h.code, h.path.join('.'), h.text]),
    [
      ['grafana.unknown-datasource', 'panels.1.datasource.uid', '${datasourse}'],
      ['grafana.unknown-datasource', 'panels.2.targets.0.datasource', '[[cluster_ds]]'],
    ],
  );
  assert.deepEqual(hits[0].data.suggestions, ['datasource']);
  assert.match(fixed(text, 'api.dashboard.json', 'grafana.unknown-datasource'), /"uid": "\$\{datasource\}"/);
});

test('legacy and export shapes Grafana imports are accepted: rows, graph panels, string data sources, nulls, __inputs', () => {
  const text = json({
    __inputs: [{ name: 'DS_PROMETHEUS', label: 'Prometheus', type: 'datasource', pluginId: 'prometheus' }],
    __requires: [{ type: 'panel', id: 'graph', name: 'Graph' }],
    title: 'Legacy',
    editable: true,
    gnetId: 1860,
    hideControls: false,
    refresh: false,
    schemaVersion: 14,
    style: 'dark',
    rows: [
      {
        collapse: false,
        height: '250px',
        panels: [
          {
            id: 1,
            type: 'graph',
            aliasColors: {},
            datasource: '${DS_PROMETHEUS}',
            yaxes: [{ format: 'short', logBase: 1 }, { format: 'short' }],
            seriesOverrides: [],
            targets: [{ expr: 'sum(rate(http_requests_total{job="$job"}[$__rate_interval]))', refId: 'A' }],
            timeFrom: null,
          },
        ],
      },
    ],
    templating: {
      list: [{ name: 'job', type: 'query', datasource: '${DS_PROMETHEUS}', current: { text: null }, allValue: null }],
    },
  });
  assert.deepEqual(allHits(text, 'legacy.dashboard.json'), []);
  // Broken PromQL in a target still breaks the panel.
  const broken = text.replace('[$__rate_interval]))', '[$__rate_interval])');
  assert.ok(allHits(broken, 'legacy.dashboard.json').some((h) => h.code.startsWith('promql.')));
});
