using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Pipeline.MLNet.Tests;

namespace Pipeline.MLNet.Accelerator.Tests;

/// <summary>
/// GpuDeviceId where CUDA cannot run: in the CPU build (Microsoft.ML.OnnxRuntime) because the package has no CUDA
/// provider, in the GPU build (-p:OnnxRuntimeAccelerator=cuda, Microsoft.ML.OnnxRuntime.Gpu) on a machine without the
/// CUDA libraries because the provider cannot load them. Either way: the CPU, and one warning that says which.
/// </summary>
public sealed class GpuFallbackTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 0);

    [UnusableCudaFact]
    public void Asking_for_a_gpu_runs_on_the_cpu_with_one_warning_naming_what_is_missing()
    {
        // Given: a tiny generator and GPU 0 asked for, with warnings collected.
        var rows = Enumerable.Range(0, 5).Select(i => new Latent { Z = [i * 0.5f, 1 - i], Label = i % TinyModels.Classes }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var warnings = new List<string>();
        var options = new GenerateImagesOptions
        {
            ModelFile = TinyModels.Generator(_temp.Path),
            OutputColumnName = "Image",
            InputColumnName = nameof(Latent.Z),
            LabelColumnName = nameof(Latent.Label),
            Runtime = new OnnxRuntimeOptions(GpuDeviceId: 0, Warn: warnings.Add),
        };

        // When
        using var model = _ml.Transforms.GenerateImages(options).Fit(data);
        var images = model.Transform(data).GetColumn<float[]>("Image").ToArray();

        // Then: the CPU computed the right images, and the one warning names the cause in this build's flavour.
        Assert.Equal("CPU", model.ExecutionProvider);
        Assert.All(Enumerable.Range(0, rows.Length), i => Assert.Equal(TinyModels.Generated(rows[i].Z, rows[i].Label), images[i], new FloatTolerance(1e-5f)));
        var warning = Assert.Single(warnings);
        var providers = OrtEnv.Instance().GetAvailableProviders();
#if CUDA_BUILD
        // The Gpu package is the one loaded (it lists the CUDA provider); loading the provider failed on a library.
        Assert.Contains(OnnxSessions.CudaProvider, providers);
        Assert.Contains("CUDA device 0 could not be used", warning, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux() && !NativeLibrary.TryLoad(Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", OnnxSessions.CudaProviderFile), out _))
        {
            // Without the CUDA libraries (this repository's build machines): the library the loader missed, by name.
            Assert.Matches(@"libonnxruntime_providers_cuda\.so cannot be loaded: lib[\w.+-]+\.so[.\d]*: cannot open shared object file", warning);
        }
#else
        // The CPU package: no CUDA provider, and the warning says which build switch brings it.
        Assert.DoesNotContain(OnnxSessions.CudaProvider, providers);
        Assert.Contains($"no {OnnxSessions.CudaProvider}", warning, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeAccelerator=cuda", warning, StringComparison.Ordinal);
#endif
    }

    public void Dispose() => _temp.Dispose();

    public sealed class Latent
    {
        [VectorType(2)]
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}

/// <summary>A fact about falling back: skipped (not silently passed) where CUDA really runs.</summary>
public sealed class UnusableCudaFactAttribute : FactAttribute
{
    public UnusableCudaFactAttribute()
    {
        using var options = new SessionOptions();
        if (OnnxSessions.TryUseCuda(options, 0) is null)
        {
            Skip = "CUDA device 0 works here; the GPU path is covered by Pipeline.MLNet.Tests' [CudaFact] tests.";
        }
    }
}
