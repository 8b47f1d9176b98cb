using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Concurrency;
using Orleans.Runtime;
using Pipeline.Cluster.Inference;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cluster.Grains;

/// <summary>
/// A stateless worker: Orleans runs up to one activation per core on each silo, all sharing the silo's one session
/// per model (<see cref="SiloModels"/>). A silo that cannot load the model refuses at once, before any work.
/// </summary>
[StatelessWorker]
internal sealed class InferenceGrain(SiloModels models, ILocalSiloDetails silo, IHostApplicationLifetime lifetime, IServiceProvider services)
    : Grain, IInferenceGrain
{
    public Task<ShardResult> CheckAsync(JobSpec job) => Task.FromResult(Attempt(() =>
    {
        models.Get(job.ModelFile).CheckFits(job);
        return [];
    }));

    public async Task<ShardResult> RunShardAsync(JobSpec job, int shard)
    {
        if (services.GetService<IShardGate>() is { } gate)
        {
            // Checked first, so that a silo without the model refuses before a test gate holds it.
            var refusal = await CheckAsync(job);
            if (refusal.Outcome != ShardOutcome.Done)
            {
                return refusal;
            }

            try
            {
                await gate.EnterAsync(silo.Name, job, shard, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return new ShardResult { Outcome = ShardOutcome.HandedBack, Silo = silo.Name, Message = $"silo {silo.Name} is stopping" };
            }
        }

        return Attempt(() => ShardRunner.Run(models.Get(job.ModelFile), job, shard, lifetime.ApplicationStopping));
    }

    private ShardResult Attempt(Func<IReadOnlyList<string>> run)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var files = run();
            return new ShardResult { Outcome = ShardOutcome.Done, Silo = silo.Name, Files = files, Seconds = watch.Elapsed.TotalSeconds };
        }
        catch (ModelUnavailableException ex)
        {
            return new ShardResult { Outcome = ShardOutcome.Refused, Silo = silo.Name, Message = $"silo {silo.Name}: {ex.Message}" };
        }
        catch (ModelMisfitException ex)
        {
            return new ShardResult { Outcome = ShardOutcome.Misfit, Silo = silo.Name, Message = ex.Message };
        }
        catch (OperationCanceledException)
        {
            return new ShardResult { Outcome = ShardOutcome.HandedBack, Silo = silo.Name, Message = $"silo {silo.Name} is stopping" };
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
        {
            return new ShardResult { Outcome = ShardOutcome.Failed, Silo = silo.Name, Message = $"silo {silo.Name}: {ex.Message}" };
        }
    }
}
