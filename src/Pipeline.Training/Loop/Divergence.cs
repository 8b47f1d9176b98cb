namespace Pipeline.Training.Loop;

/// <summary>A recipe's verdict that training has diverged.</summary>
/// <param name="Reason">What was seen, e.g. "a loss is not finite (D NaN, G 1.2)".</param>
/// <param name="Advice">What the user might change, appended to the message.</param>
public sealed record Divergence(string Reason, string? Advice = null);
