namespace Pipeline.MLNet.PlainApp;

/// <summary>
/// One kind of image model that <see cref="PlainMlNetModel.Write"/> makes a zip for: the metadata role of its files,
/// whether a file of that role is one it can feed, and the rows it feeds it. A new role is a writer plus one line in
/// <see cref="PlainMlNetModel"/>'s list.
/// </summary>
internal interface IPlainModelWriter
{
    /// <summary>The <c>pipeline.role</c> of the files it writes.</summary>
    string Role { get; }

    /// <summary>Whether <paramref name="model"/> (of <see cref="Role"/>) takes the inputs this writer makes.</summary>
    bool Writes(GenerativeOnnxModel model);

    /// <summary><paramref name="rows"/> random input rows for <paramref name="model"/> and the estimator that runs it.</summary>
    PlainModelRows Rows(string file, GenerativeOnnxModel model, MLContext ml, Random random, int rows);
}
