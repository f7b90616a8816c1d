// Validates prometheus-operator objects (JSON array on stdin) with @kubernetes-models/prometheus-operator.
// The package is ESM-only, which jest's CommonJS runtime cannot load, so the tests run this file with node.
// Prints { "<index>": { errors: [...], unknown: [...] } }: validate() errors, and properties the schema
// never reads, opaque nodes aside (the schemas carry no additionalProperties: false, so a misspelt field would pass validate()).
import * as v1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as v1alpha1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1';

const versions = { 'monitoring.coreos.com/v1': v1, 'monitoring.coreos.com/v1alpha1': v1alpha1 };

function recorder() {
  const reads = new Map();
  const enumerated = new Set();
  const proxies = new WeakMap();
  const wrap = (value) => {
    if (value === null || typeof value !== 'object') return value;
    if (proxies.has(value)) return proxies.get(value);
    if (!reads.has(value)) reads.set(value, new Set());
    const proxy = new Proxy(value, {
      get: (obj, key, receiver) => {
        reads.get(obj).add(key);
        return wrap(Reflect.get(obj, key, receiver));
      },
      ownKeys: (obj) => {
        enumerated.add(obj);
        return Reflect.ownKeys(obj);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return { reads, enumerated, wrap };
}

function unknownFields(Model, object) {
  const rec = recorder();
  try {
    Model.prototype.validate.call(rec.wrap(object));
  } catch {
    // schema errors are reported by validate() below
  }
  const out = [];
  const walk = (node, path) => {
    if (node === null || typeof node !== 'object' || !rec.reads.has(node)) return;
    const read = rec.reads.get(node);
    // A node the schema reads nothing of is opaque to it (x-kubernetes-preserve-unknown-fields): not judged.
    if (read.size === 0 && !rec.enumerated.has(node)) return;
    for (const key of Object.keys(node)) {
      if (!Array.isArray(node) && !rec.enumerated.has(node) && !read.has(key)) out.push(`${path}/${key}`);
      walk(node[key], `${path}/${key}`);
    }
  };
  walk(object, '');
  return out;
}

const objects = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
  }),
);
const result = {};
objects.forEach((object, i) => {
  const Model = versions[object.apiVersion]?.[object.kind];
  if (typeof Model !== 'function' || Model.kind !== object.kind) {
    result[i] = { errors: [`no model for ${object.apiVersion} ${object.kind}`], unknown: [] };
    return;
  }
  let errors = [];
  try {
    new Model(object).validate();
  } catch (error) {
    errors = [String(error.message)];
  }
  result[i] = { errors, unknown: unknownFields(Model, object) };
});
process.stdout.write(JSON.stringify(result));
