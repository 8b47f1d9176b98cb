using Pipeline.Inference.Pictures;

namespace Pipeline.Cli.Families;

/// <summary><c>mix</c>: a call drawing a style-mixing picture (the picture verbs of DelegateVerbs.cs, for <see cref="IMix"/>).</summary>
internal sealed class MixVerb(Func<VerbContext, Picture> draw, params IReadOnlyList<Option> options) : PictureVerb(draw, options), IMix
{
    public void Mix(VerbContext context) => Draw(context);
}
