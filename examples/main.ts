import { App, Chart } from 'cdk8s';
import { SeldonRuntime } from '../src';
import { addV1Examples } from './v1';
import { addV2Examples } from './v2';
import { addV2PipelineExamples } from './v2-pipelines';
import { addV2ProductionExample } from './v2-production';

// One chart per Seldon generation, each in the namespace where that Seldon runs.
const app = new App();
addV1Examples(new Chart(app, 'seldon-v1', { namespace: 'seldon' }));
const v2 = new Chart(app, 'seldon-v2', { namespace: 'seldon-mesh' });
// seldon-mesh's runtime comes with the Seldon installation, outside the app.
SeldonRuntime.fromNamespace(v2, 'runtime', 'seldon-mesh');
addV2Examples(v2);
addV2PipelineExamples(v2);
// A namespace the app sets up itself, runtime included.
addV2ProductionExample(new Chart(app, 'seldon-v2-production', { namespace: 'ml-production' }));
app.synth();
