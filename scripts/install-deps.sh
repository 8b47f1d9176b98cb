#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the main job and the tests need, only if they are missing.
#   dataset-fashion-mnist: the default training data (/usr/share/datasets/fashion-mnist)
#   python3-onnx:          the ONNX project's own checker, run over every exported file in the tests
#   fonts-dejavu-core:     DejaVu Sans, the font the charts ask for by name (the only text the tests look at)
# With --tests, also what only the tests need:
#   chromium:              a real browser (headless) that opens the HTML run pages the way a person sees them
#   redis-server:          the cluster's persistent mode, tested against a throw-away server the tests start
#   python3-torch:         PyTorch's own torch.onnx.export, which makes the foreign models `pipeline adopt` is tested on
set -euo pipefail

needed=()
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || needed+=(dataset-fashion-mnist)
# -I: from the repo root, the onnx/ folder of exported models would import as an (empty) namespace package.
/usr/bin/python3 -I -c "import onnx.checker" 2>/dev/null || needed+=(python3-onnx)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || needed+=(fonts-dejavu-core)
if [ "${1:-}" = "--tests" ]; then
  command -v chromium >/dev/null || needed+=(chromium)
  command -v redis-server >/dev/null || needed+=(redis-server)
  /usr/bin/python3 -I -c "import torch" 2>/dev/null || needed+=(python3-torch)
fi

if [ ${#needed[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing: ${needed[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${needed[@]}"
fi
