import { App, Chart } from 'cdk8s';
import { addV1Examples } from './v1';
import { addV2Examples } from './v2';

// One chart per Seldon generation, each in the namespace where that Seldon runs.
const app = new App();
addV1Examples(new Chart(app, 'seldon-v1', { namespace: 'seldon' }));
addV2Examples(new Chart(app, 'seldon-v2', { namespace: 'seldon-mesh' }));
app.synth();
