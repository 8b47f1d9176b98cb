using Pipeline.Serving.Batching;
using Pipeline.Serving.Models;

namespace Pipeline.Serving.Http;

/// <summary>What the endpoints share: the options, the models by name and each run model's batcher.</summary>
internal sealed class ServedModels(ModelServerOptions options, ModelFolder folder, IReadOnlyDictionary<string, DynamicBatcher> batchers)
{
    public ModelServerOptions Options { get; } = options;

    public ModelFolder Folder { get; } = folder;

    public IReadOnlyDictionary<string, DynamicBatcher> Batchers { get; } = batchers;

    /// <summary>The model and its batcher, or a 404 naming the models there are.</summary>
    public (ServedModel Model, DynamicBatcher? Batcher) Find(string name) => Folder.Find(name) is { } model
        ? (model, Batchers.GetValueOrDefault(name))
        : throw new RequestRefusedException(StatusCodes.Status404NotFound, $"no model '{name}'; models: {string.Join(", ", Folder.Models.Select(m => m.Name))}.");

    /// <summary>A 400 for a verb the model's role does not serve, pointing at the verb it does.</summary>
    public static RequestRefusedException WrongVerb(ServedModel model, string verb) => RequestRefusedException.BadRequest(model.IsTranslator
        ? $"{model.Name} is a translator: POST an image to /models/{model.Name}/translate, not /{verb}."
        : $"{model.Name} is {(model.IsAutoregressive ? "an autoregressive model" : $"a {model.Role}")}: POST JSON to /models/{model.Name}/generate, not /{verb}.");
}
