namespace Pipeline.Serving;

/// <summary>What one model's batcher has done since the server started.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Requests">Requests queued.</param>
/// <param name="Runs">ONNX Runtime runs: fewer than <paramref name="Requests"/> when requests shared a batch.</param>
/// <param name="Images">Images (rows) through the model.</param>
/// <param name="LargestRun">The most rows one run held.</param>
public sealed record ModelMetricsSnapshot(string Model, long Requests, long Runs, long Images, long LargestRun);
