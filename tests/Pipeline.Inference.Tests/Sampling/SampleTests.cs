using Pipeline.Cluster.Tests;
using Pipeline.Inference.Sampling;

namespace Pipeline.Inference.Tests.Sampling;

public sealed class SampleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_class_conditional_generator_writes_a_grid_and_idx_files_of_the_classes_asked_for()
    {
        // Given a tiny generator of 3 classes
        ClusterTinyModels.Generator(_temp.Path);

        // When 6 images of classes 2 and 0 are drawn
        var report = ExportedModelOperations.Sample(new SampleRequest(_temp.Path, 6, Seed: 1, _temp.File("out", "s.png")) { Labels = [2, 0], Idx = true });

        // Then
        Assert.Equal(["s.png", "s-images-idx3-ubyte", "s-labels-idx1-ubyte"], report.Pictures.Select(p => Path.GetFileName(p.Path)));
        Assert.All(report.Pictures, p => Assert.True(File.Exists(p.Path), p.Path));
        Assert.Contains("generated images through ML.NET", report.Summary);
    }

    [Fact]
    public void A_label_the_model_does_not_have_is_a_request_mistake_and_nothing_is_written()
    {
        ClusterTinyModels.Generator(_temp.Path);

        var error = Assert.Throws<InvalidRequestException>(() => ExportedModelOperations.Sample(new SampleRequest(_temp.Path, 2, 1, _temp.File("out", "s.png")) { Labels = [3] }));

        Assert.Contains("--labels 3", error.Message);
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    public void Dispose() => _temp.Dispose();
}
