namespace Pipeline.Inference;

/// <summary>
/// A request the exported models cannot serve as asked (no model of the needed role, a label the model does not have,
/// an input that does not exist...), found before any work: the caller's mistake, not a bad file. The <c>pipeline</c>
/// command reports it as a usage error (exit code 2); an app can show the message as it is.
/// </summary>
public sealed class InvalidRequestException(string message) : ArgumentException(message);
