using Pipeline.Models.Vae;

namespace Pipeline.Export.Converters;

/// <summary>q(z | x): trunk, then the μ and log σ² heads on the same features; two outputs (mean, log-variance).</summary>
public static class GaussianEncoderConverter
{
    /// <summary>Registers the converter.</summary>
    public static void Register(ConverterRegistry registry) => registry.Register<GaussianEncoder>(Convert);

    private static IReadOnlyList<string> Convert(ExportContext context, GaussianEncoder encoder, IReadOnlyList<string> inputs)
    {
        // Child names come from the module, so initializer names stay the checkpoint's keys if fields are renamed.
        var features = context.Convert(encoder.Trunk, inputs[0], ExportContext.ChildName(encoder, encoder.Trunk)); // (B, features)
        var mean = context.Convert(encoder.MeanHead, features, ExportContext.ChildName(encoder, encoder.MeanHead)); // (B, latent)
        var logVar = context.Convert(encoder.LogVarHead, features, ExportContext.ChildName(encoder, encoder.LogVarHead));
        return new[] { mean, logVar };
    }
}
