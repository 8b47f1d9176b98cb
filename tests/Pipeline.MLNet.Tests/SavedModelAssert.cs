using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Pipeline.MLNet.Tests;

/// <summary>
/// What every saveable estimator must do: the zip holds only ML.NET's own transforms, with ONNX that passes the
/// checker; <c>mlContext.Model.Load</c> (row by row) and <c>LoadGenerative</c> (batched again) give the fitted
/// transformer's columns with the same names, types and values.
/// </summary>
internal static class SavedModelAssert
{
    public static (ITransformer Plain, ITransformer Batched) RoundTrips(MLContext ml, ITransformer model, IDataView data, string path)
    {
        ml.Model.Save(model, data.Schema, path);
        AssertOnnxValid(path);
        var plain = ml.Model.Load(path, out _);
        var batched = ml.Model.LoadGenerative(path, out _);
        Assert.DoesNotContain(Flatten(plain), t => t is GenerativeOnnxTransformer);
        Assert.Contains(Flatten(batched), t => t is GenerativeOnnxTransformer);
        var expected = model.Transform(data);
        var added = expected.Schema.Where(c => !c.IsHidden && data.Schema.GetColumnOrNull(c.Name) is null).ToArray();
        Assert.NotEmpty(added);
        foreach (var other in new[] { plain.Transform(data), batched.Transform(data) })
        {
            Assert.Equal(Visible(expected.Schema), Visible(other.Schema));
            foreach (var column in added)
            {
                if (column.Type is ImageDataViewType)
                {
                    var images = expected.GetColumn<MLImage>(column.Name).Zip(other.GetColumn<MLImage>(column.Name));
                    Assert.All(images, p => Assert.Equal(p.First.Pixels.ToArray(), p.Second.Pixels.ToArray()));
                }
                else if (column.Type is VectorDataViewType { ItemType: var item } && item == NumberDataViewType.Int64)
                {
                    var codes = expected.GetColumn<long[]>(column.Name).Zip(other.GetColumn<long[]>(column.Name));
                    Assert.All(codes, p => Assert.Equal(p.First, p.Second));
                }
                else
                {
                    var values = expected.GetColumn<float[]>(column.Name).Zip(other.GetColumn<float[]>(column.Name));
                    Assert.All(values, p => GenerativePipelineTests.AssertClose(p.First, p.Second));
                }
            }
        }

        return (plain, batched);
    }

    /// <summary>Every ONNX model inside a saved zip (ApplyOnnxModel's "OnnxModel" entries: a 4-byte length, then the bytes) passes the checker.</summary>
    public static void AssertOnnxValid(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entries = zip.Entries.Where(e => e.Name == "OnnxModel").ToArray();
        Assert.NotEmpty(entries);
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            using var reader = new BinaryReader(entry.Open());
            var bytes = reader.ReadBytes(reader.ReadInt32());
            var onnx = Path.ChangeExtension(zipPath, $".{i}.onnx");
            File.WriteAllBytes(onnx, bytes);
            OnnxChecker.AssertValid(onnx);
        }
    }

    public static IEnumerable<ITransformer> Flatten(ITransformer transformer) => transformer is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten).Prepend(transformer)
        : [transformer];

    private static string[] Visible(DataViewSchema schema) => schema.Where(c => !c.IsHidden).Select(c => $"{c.Name}:{c.Type}").ToArray();
}
