using Pipeline.Models.StyleGan;

namespace Pipeline.Models.Tests.StyleGan;

/// <summary>Small StyleGAN2 options that build and run in milliseconds.</summary>
internal static class TinyStyleGan
{
    /// <summary>Conditional 32×32 grey, 10 classes (Fashion32 scaled down).</summary>
    public static StyleGanOptions Grey32 { get; } = StyleGanOptions.Fashion32 with { LatentSize = 16, StyleSize = 16, MappingLayers = 2, MaxWidth = 32, MinWidth = 8 };

    /// <summary>Unconditional 64×64 RGB (Rgb64 scaled down).</summary>
    public static StyleGanOptions Rgb64 { get; } = StyleGanOptions.Rgb64 with { LatentSize = 16, StyleSize = 16, MappingLayers = 2, MaxWidth = 32, MinWidth = 8 };
}
