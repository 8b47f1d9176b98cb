namespace Pipeline.Models.StyleGan;

/// <summary>Where the synthesis layers' per-pixel noise comes from (Karras et al. 2019, §3.2).</summary>
public enum NoiseMode
{
    /// <summary>Fresh N(0, 1) noise on every forward: what training uses.</summary>
    Random,

    /// <summary>
    /// One noise image per layer, drawn once when the network is built and kept as a buffer (StyleGAN2's
    /// noise_mode='const'): the same ws give the same image, which reproducible sampling and export need.
    /// </summary>
    Fixed,

    /// <summary>No noise at all.</summary>
    None,
}
