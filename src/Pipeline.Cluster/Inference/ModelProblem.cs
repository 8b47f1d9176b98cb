namespace Pipeline.Cluster.Inference;

/// <summary>A silo cannot load the model (missing, unreadable, not ONNX): it refuses the job's shards.</summary>
internal sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The model loads but does not fit the job (wrong role, labels it cannot take): the job fails.</summary>
internal sealed class ModelMisfitException(string message) : Exception(message);
