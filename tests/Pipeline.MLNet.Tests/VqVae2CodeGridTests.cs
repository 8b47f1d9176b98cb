using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Export.Families;
using Pipeline.Models.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.MLNet.Tests;

/// <summary>
/// An exported tiny VQ-VAE-2 inside ML.NET: image → top and bottom code grids (int64 columns), and both grids → image
/// (a decoder with two grid inputs), batched, row by row, saved and loaded; the same codes and images as TorchSharp.
/// </summary>
public sealed class VqVae2CodeGridTests : IDisposable
{
    private const int Rows = 7;
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 0);
    private readonly ImageRow[] _rows;
    private readonly long[][] _top;
    private readonly long[][] _bottom;
    private readonly float[][] _decoded;

    public VqVae2CodeGridTests()
    {
        // A 28 px model at stride 4: a 7×7 bottom grid and a 4×4 top grid, codebooks moved off their initialisation.
        using var generator = new Generator(21);
        using var model = VqVae2Autoencoder.Create(new VqVae2Options(BottomStride: 4, HiddenChannels: 8, ResidualChannels: 4,
            ResidualBlocks: 1, CodebookSize: 16, CodeDim: 4));
        var images = rand([Rows, 1, 28, 28], generator: generator);
        using (no_grad())
        {
            model.call(images);
            model.eval();
        }

        // The export checks that every code ONNX Runtime picks is a nearest code of TorchSharp's encoder output; where
        // two codes are equidistant up to float rounding either engine may pick either, so the codes ML.NET must
        // reproduce are the exported encoder's own, and the images are TorchSharp's decodings of those codes.
        VqVae2OnnxExport.Export(model, _temp.Path, "mlnet-vqvae2", classCount: 10);
        _rows = Enumerable.Range(0, Rows).Select(i => new ImageRow { Image = images[i].reshape(-1).data<float>().ToArray() }).ToArray();
        (_top, _bottom) = EncodeWithOnnxRuntime(Encoder, images);
        using (no_grad())
        {
            var decoded = model.DecodeCodes(tensor(_top.SelectMany(t => t).ToArray(), [Rows, 4, 4]), tensor(_bottom.SelectMany(b => b).ToArray(), [Rows, 7, 7]));
            _decoded = Enumerable.Range(0, Rows).Select(i => decoded[i].reshape(-1).data<float>().ToArray()).ToArray();
        }
    }

    private string Encoder => _temp.File(VqVae2OnnxExport.EncoderFile);

    private string Decoder => _temp.File(VqVae2OnnxExport.DecoderFile);

    [Fact]
    public void Images_encode_to_the_torchsharp_code_grids_batched_saved_and_loaded()
    {
        var data = _ml.Data.LoadFromEnumerable(_rows);

        var model = _ml.Transforms.EncodeToCodes(["Top", "Bottom"], nameof(ImageRow.Image), Encoder, batchSize: 3).Fit(data);
        var output = model.Transform(data);
        SavedModelAssert.RoundTrips(_ml, model, data, _temp.File("codes.zip"));

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Int64, 4, 4), output.Schema["Top"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Int64, 7, 7), output.Schema["Bottom"].Type);
        Assert.Equal(_top, output.GetColumn<long[]>("Top").ToArray());
        Assert.Equal(_bottom, output.GetColumn<long[]>("Bottom").ToArray());
    }

    private static (long[][] Top, long[][] Bottom) EncodeWithOnnxRuntime(string encoder, Tensor images)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(encoder);
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(images.contiguous().data<float>().ToArray(), images.shape);
        using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
        using var outputs = session.Run(runOptions, ["image"], [input], [VqVae2OnnxExport.TopCodes, VqVae2OnnxExport.BottomCodes]);
        long[][] Rows(Microsoft.ML.OnnxRuntime.OrtValue value)
        {
            var codes = value.GetTensorDataAsSpan<long>().ToArray();
            var per = codes.Length / (int)images.shape[0];
            return codes.Chunk(per).ToArray();
        }

        return (Rows(outputs[0]), Rows(outputs[1]));
    }


    [Fact]
    public void Both_grids_decode_to_the_torchsharp_image_batched_row_by_row_saved_and_loaded()
    {
        var data = _ml.Data.LoadFromEnumerable(_top.Select((t, i) => new CodeRow { Top = t, Bottom = _bottom[i] }));

        var model = _ml.Transforms.DecodeFromCodes("Image", Decoder, [nameof(CodeRow.Top), nameof(CodeRow.Bottom)], imageColumnName: "Picture", batchSize: 4).Fit(data);
        var (plain, _) = SavedModelAssert.RoundTrips(_ml, model, data, _temp.File("decode.zip"));

        var images = model.Transform(data).GetColumn<float[]>("Image").ToArray();
        Assert.All(Enumerable.Range(0, Rows), i => GenerativePipelineTests.AssertClose(_decoded[i], images[i]));
        var engine = _ml.Model.CreatePredictionEngine<CodeRow, DecodedRow>(plain);
        GenerativePipelineTests.AssertClose(_decoded[3], engine.Predict(new CodeRow { Top = _top[3], Bottom = _bottom[3] }).Image);
    }

    [Fact]
    public void Encode_then_decode_chains_in_one_pipeline()
    {
        var data = _ml.Data.LoadFromEnumerable(_rows);

        var pipeline = _ml.Transforms.EncodeToCodes(["Top", "Bottom"], nameof(ImageRow.Image), Encoder)
            .Append(_ml.Transforms.DecodeFromCodes("Reconstruction", Decoder, ["Top", "Bottom"]));
        var reconstructions = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Reconstruction").ToArray();

        Assert.All(Enumerable.Range(0, Rows), i => GenerativePipelineTests.AssertClose(_decoded[i], reconstructions[i]));
    }

    [Fact]
    public void A_decoder_with_two_grids_needs_a_column_for_each_and_grids_of_its_shape()
    {
        var data = _ml.Data.LoadFromEnumerable(_top.Select((t, i) => new CodeRow { Top = t, Bottom = _bottom[i] }));

        var one = Assert.Throws<ArgumentException>(() => _ml.Transforms.DecodeFromCodes("Image", Decoder, [nameof(CodeRow.Top)]));
        var single = Assert.Throws<ArgumentException>(() => _ml.Transforms.GenerateImages("Image", Decoder, nameof(CodeRow.Top)));
        var swapped = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.Transforms.DecodeFromCodes("Image", Decoder, [nameof(CodeRow.Bottom), nameof(CodeRow.Top)]).Fit(data));
        var columns = Assert.Throws<ArgumentException>(() => _ml.Transforms.EncodeToCodes(["Top"], nameof(ImageRow.Image), Encoder));

        Assert.Contains("InputColumnNames must name one column for each", one.Message);
        Assert.Contains("'top_codes' Int64 [batch, 4, 4]", one.Message);
        Assert.Contains("set InputColumnNames", single.Message);
        Assert.Contains("'Bottom'", swapped.Message);
        Assert.Contains("Vector<Int64, 16>", swapped.Message);
        Assert.Contains("2 code grids", columns.Message);
    }

    public void Dispose() => _temp.Dispose();

    public sealed class ImageRow
    {
        [VectorType(1, 28, 28)]
        public float[] Image { get; set; } = [];
    }

    public sealed class CodeRow
    {
        [VectorType(4, 4)]
        public long[] Top { get; set; } = [];

        [VectorType(7, 7)]
        public long[] Bottom { get; set; } = [];
    }

    public sealed class DecodedRow
    {
        public float[] Image { get; set; } = [];
    }
}
