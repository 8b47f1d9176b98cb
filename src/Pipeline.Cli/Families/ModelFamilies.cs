using Pipeline.Cli.Families.Exported;
using Pipeline.Cli.Families.Gan;
using Pipeline.Cli.Families.PixelCnn;
using Pipeline.Cli.Families.ProGan;
using Pipeline.Cli.Families.StyleGan;
using Pipeline.Cli.Families.Translation;
using Pipeline.Cli.Families.Vae;
using Pipeline.Cli.Families.VqVae2;

namespace Pipeline.Cli.Families;

/// <summary>The families this program ships: adding a family is its folder under Families/ plus one line here.</summary>
internal static class ModelFamilies
{
    /// <summary>A fresh registry (options are objects owned by one command tree, so each tree gets its own families).</summary>
    public static FamilyRegistry Create() => new FamilyRegistry()
        .Register(VaeFamily.Create())
        .Register(GanFamily.Create())
        .Register(ProGanFamily.Create())
        .Register(StyleGanFamily.Create())
        .Register(VqVae2Family.Create())
        .Register(TranslationFamily.Create())
        .Register(PixelCnnFamily.Create())
        .Register(ExportedModelFamily.Create());
}
