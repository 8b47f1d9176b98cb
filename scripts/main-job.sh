#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs `pipeline demo` (train, evaluate and draw the lecture's
# VAE on Fashion-MNIST, then a 2-D VAE for the manifold figure). Extra arguments go to `demo`, e.g. --epochs 3.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
dotnet build src/Pipeline.Cli -c Release
dotnet run -c Release --no-build --project src/Pipeline.Cli -- demo "$@"
