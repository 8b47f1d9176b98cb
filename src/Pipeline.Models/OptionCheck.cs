namespace Pipeline.Models;

/// <summary>The one check behind every options record's <c>Validate</c>: a message that names the option and what it must be.</summary>
public static class OptionCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> "<paramref name="owner"/> option NAME must be EXPECTATION." unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What must hold.</param>
    /// <param name="owner">Whose option, e.g. "VAE" or "GAN training".</param>
    /// <param name="name">The option, e.g. <c>nameof(LatentSize)</c>.</param>
    /// <param name="expectation">What it must be, with the value found, e.g. "at least 1, got 0".</param>
    public static void Require(bool condition, string owner, string name, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentException($"{owner} option {name} must be {expectation}.", name);
        }
    }
}
