namespace Pipeline.Serving;

/// <summary>One model as <c>GET /models</c> lists it.</summary>
/// <param name="Name">Its name in URLs: the export folder's name.</param>
/// <param name="Role">translator, generator, decoder or autoregressive (from the file's metadata).</param>
/// <param name="Task">Input → output, from the folder's gallery.json.</param>
/// <param name="Verb">The endpoint that serves it: <c>translate</c> (a translator) or <c>generate</c> (the others).</param>
/// <param name="File">The .onnx file served, inside its folder.</param>
/// <param name="InputShape">The main input without the batch: [C, H, W] of an image, [n] of a latent.</param>
/// <param name="OutputShape">The output image without the batch: [C, H, W].</param>
/// <param name="Classes">Class names of a class-conditional generator (class numbers when it has no names); null otherwise.</param>
public sealed record ModelDescription(
    string Name,
    string Role,
    string Task,
    string Verb,
    string File,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<string>? Classes);
