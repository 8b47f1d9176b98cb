using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Tests;

public sealed class JobModelTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void An_export_folder_gives_its_file_of_the_jobs_role_and_every_class()
    {
        ClusterTinyModels.Generator(_temp.Path);

        var model = JobModel.Resolve(_temp.Path, JobKind.Generate);

        Assert.Equal(Path.Combine(_temp.Path, "tiny-generator.onnx"), model.File);
        Assert.Equal([0, 1, 2], model.Labels(null));
    }

    [Fact]
    public void A_folder_without_the_jobs_role_is_refused_naming_what_it_holds()
    {
        ClusterTinyModels.Generator(_temp.Path);

        var error = Assert.Throws<InvalidJobException>(() => JobModel.Resolve(_temp.Path, JobKind.Translate));

        Assert.Contains("a translation job needs an .onnx file with role 'translator'", error.Message);
        Assert.Contains("tiny-generator.onnx (generator)", error.Message);
    }

    [Fact]
    public void A_model_file_the_client_cannot_see_is_passed_on_for_the_silos_to_read()
    {
        var notes = new List<string>();

        var model = JobModel.Resolve("models/far.onnx", JobKind.Generate, new Notes(notes));

        Assert.Equal(("models/far.onnx", null), (model.File, model.Metadata));
        Assert.Equal(["models/far.onnx is not on this machine; the silos read it under their --model-root."], notes);
    }

    [Fact]
    public void Translation_inputs_refuse_the_output_folder_itself_and_a_folder_without_images()
    {
        File.WriteAllText(_temp.File("notes.txt"), "x");

        Assert.Contains("the translations would overwrite the input images", Assert.Throws<InvalidJobException>(() => TranslationInputs.List(_temp.Path, _temp.Path)).Message);
        Assert.Contains("no images (.png, .jpg, .jpeg, .bmp)", Assert.Throws<InvalidJobException>(() => TranslationInputs.List(_temp.Path, _temp.File("out"))).Message);
    }

    public void Dispose() => _temp.Dispose();

    private sealed class Notes(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
