using Pipeline.Cluster.Inference;
using Pipeline.MLNet;

namespace Pipeline.Cluster.Jobs;

/// <summary>
/// The single-process path: every shard of a job, in order, through the same shard code the silos run, without
/// Orleans. Its output is the reference a cluster run must equal byte for byte.
/// </summary>
public static class LocalJobRunner
{
    /// <summary>Runs <paramref name="job"/> and returns the files written, relative to its output folder.</summary>
    /// <exception cref="InvalidDataException">The model cannot be loaded or does not fit the job.</exception>
    public static IReadOnlyList<string> Run(JobSpec job, OnnxRuntimeOptions? runtime = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        LoadedModel model;
        try
        {
            model = LoadedModel.Load(job.ModelFile, runtime ?? OnnxRuntimeOptions.Default);
        }
        catch (ModelUnavailableException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }

        using (model)
        {
            try
            {
                model.CheckFits(job);
                return Enumerable.Range(0, job.ShardCount).SelectMany(s => ShardRunner.Run(model, job, s, cancellation)).ToArray();
            }
            catch (ModelMisfitException ex)
            {
                throw new InvalidDataException(ex.Message, ex);
            }
        }
    }
}
