import { App, Chart } from 'cdk8s';
import { addV1Examples } from './v1';
import { addV2Examples } from './v2';
import { addV2PipelineExamples } from './v2-pipelines';

// One chart per Seldon generation, each in the namespace where that Seldon runs.
const app = new App();
addV1Examples(new Chart(app, 'seldon-v1', { namespace: 'seldon' }));
const v2 = new Chart(app, 'seldon-v2', { namespace: 'seldon-mesh' });
addV2Examples(v2);
addV2PipelineExamples(v2);
app.synth();
