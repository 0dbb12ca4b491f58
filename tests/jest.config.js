// Offline checks of the deployment files: docker-compose.yml, the rendered Kubernetes
// manifests (kubectl kustomize) and the Grafana dashboard.
module.exports = require('../jest.preset.js')({
  rootDir: __dirname,
  testMatch: ['<rootDir>/deploy/**/*.spec.ts'],
});
