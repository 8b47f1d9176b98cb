using Pipeline.Inference.Images;
using Pipeline.MLNet;

namespace Pipeline.Inference.Translation;

/// <summary>What <see cref="ExportedModelOperations.OpenTranslation"/> is asked: the model, the images and where they go.</summary>
/// <param name="Model">An export folder holding a translator (or the translator's .onnx file).</param>
/// <param name="Input">A PNG/JPEG image or a folder of them.</param>
/// <param name="OutputFolder">Where the translated images go, under their sources' names as PNG.</param>
public sealed record FolderTranslationRequest(string Model, string Input, string OutputFolder)
{
    /// <summary>How an image of another size than the model's is fitted to it; null refuses such images.</summary>
    public ImageFit? Resize { get; init; }

    /// <summary>Translate the good images when some cannot be (the report then lists those skipped); false: refuse the whole request.</summary>
    public bool SkipBad { get; init; }

    /// <summary>Images per ONNX Runtime call.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Device and threads of ONNX Runtime; null: the defaults.</summary>
    public OnnxRuntimeOptions? Runtime { get; init; }
}
