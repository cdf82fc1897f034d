import { App, Chart } from 'cdk8s';
import { addV1Examples } from './v1';

// One chart per Seldon generation, both in the namespace where Seldon runs.
const app = new App();
addV1Examples(new Chart(app, 'seldon-v1', { namespace: 'seldon' }));
app.synth();
