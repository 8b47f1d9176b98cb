using Pipeline.Cluster.Hosting;
using Pipeline.Cluster.Jobs;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary>
/// <c>cluster run</c>: submits a batch job (generate N images per class, or translate a folder) and follows it with a
/// progress bar; <c>--job ID</c> alone reattaches to a job, and with a model submits under that id, which resumes the
/// job if it exists with the same spec. Ctrl+C detaches: the job continues in the cluster.
/// </summary>
internal static class ClusterRunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run a batch job on the cluster: generate --count images per class from an exported generator or VAE decoder, or translate an --input folder with an exported translator.");
        var client = new ClusterClientOptions();
        var model = new Setting<string?>("--model", "export folder or .onnx file (relative paths are read under each silo's --model-root)").ToOption();
        var count = new Setting<int?>("--count", "generate: images per class (in all, for an unconditional model)").ToOption();
        var labels = new Setting<int[]>("--labels", "generate: the classes (default: every class of a class-conditional model)") { Rule = EachWithin(0, int.MaxValue) }.ToOption();
        var seed = new Setting<int>("--seed", "generate: image i's noise comes from (seed, i) alone") { Default = 0 }.ToOption();
        var input = new Setting<string?>("--input", "translate: folder of images (png, jpg, bmp)") { Rule = ExistingFolder }.ToOption();
        var output = new Setting<string?>("--out", "folder the images are written to (as every silo sees it: shared storage across machines)").ToOption();
        var shardSize = new Setting<int>("--shard-size", "images per shard") { Default = JobSpec.DefaultShardSize, Rule = AtLeast(1) }.ToOption();
        var batchSize = new Setting<int>("--batch-size", "images per ONNX Runtime call inside a shard") { Default = JobSpec.DefaultBatchSize, Rule = AtLeast(1) }.ToOption();
        var parallelism = new Setting<int>("--parallelism", "shards in flight at once (0: two per silo)") { Default = 0, Rule = AtLeast(0) }.ToOption();
        var job = new Setting<string?>("--job", "job id: alone, reattach to that job; with --model, submit under that id (resubmitting the same job resumes it)").ToOption();
        var detach = new Setting<bool>("--detach", "submit and return; follow later with --job ID").ToOption();
        command.AddOptions(model, count, labels, seed, input, output, shardSize, batchSize, parallelism, job, detach);
        client.AddTo(command);
        Option[] defining = [count, labels, seed, input, output, shardSize, batchSize, parallelism];
        command.Validators.Add(result =>
        {
            bool Given(Option o) => result.GetResult(o) is { Implicit: false };
            if (!Given(model))
            {
                if (!Given(job))
                {
                    result.AddError("give --model (and --count or --input) for a new job, or --job ID to reattach to one.");
                }
                else if (defining.FirstOrDefault(Given) is { } extra)
                {
                    result.AddError($"{extra.Name} defines a new job and needs --model; with --job alone the job's spec comes from the cluster.");
                }

                return;
            }

            if (Given(count) == Given(input))
            {
                result.AddError("give --count N (generate) or --input FOLDER (translate), one of them.");
            }

            if (result.GetValue(count) is < 1)
            {
                result.AddError($"--count must be at least 1, got {result.GetValue(count)}.");
            }

            if (Given(input) && (Given(labels) || Given(seed)))
            {
                result.AddError("--labels and --seed apply to generation (--count), not to translation (--input).");
            }

            if (!Given(output))
            {
                result.AddError("--out FOLDER is needed for a new job.");
            }

            if (result.GetValue(job) is { } id && string.IsNullOrWhiteSpace(id))
            {
                result.AddError("--job must not be empty.");
            }
        });
        command.SetAction(r => Terminal.Guard(() => ClusterErrors.Guard(() =>
        {
            JobSpec? spec = null;
            if (r.GetValue(model) is { } path)
            {
                spec = new JobRequest(path, r.GetValue(output)!, r.GetValue(input), r.GetValue(count) ?? 0, r.GetValue(labels), r.GetValue(seed)).ToSpec(Terminal.Notes) with { ShardSize = r.GetValue(shardSize), BatchSize = r.GetValue(batchSize), Parallelism = r.GetValue(parallelism) };
                CliError.Check(spec.Validate);
            }

            return RunAsync(r, client, spec, r.GetValue(job), r.GetValue(detach)).GetAwaiter().GetResult();
        })));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult r, ClusterClientOptions client, JobSpec? spec, string? jobId, bool detach)
    {
        using var detaching = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            detaching.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        // Named before submitting, so that a retried submission reuses it and a lost cluster can say how to reattach.
        var id = jobId ?? ClusterJobs.NewJobId();
        var connected = false;
        try
        {
            await using var cluster = await client.ConnectAsync(r, detaching.Token);
            connected = true;
            if (spec is not null)
            {
                await ClusterJobs.SubmitAsync(cluster, spec, id, detaching.Token);
                Terminal.Info($"job {id}: {spec.Kind.ToString().ToLowerInvariant()} {spec.ItemCount} images in {spec.ShardCount} shards of {spec.ShardSize} with {spec.ModelFile} into {spec.OutputDirectory}");
            }
            else
            {
                var now = await ClusterJobs.GetProgressAsync(cluster, id, detaching.Token);
                Terminal.Info($"job {id}: attached, {now.Describe()}");
            }

            Terminal.Info($"reattach with: pipeline cluster run --job {id}");
            if (detach)
            {
                return 0;
            }

            JobProgressBar? bar = null;
            var done = await JobProgressBar.RunAsync(id, b =>
            {
                bar = b;
                return ClusterJobs.AttachAsync(cluster, id, b, cancellation: detaching.Token);
            });
            System.Console.WriteLine($"job {id} {done.Describe()}; {bar!.ImagesPerSecond:F0} img/s since attaching");
            return 0;
        }
        catch (OperationCanceledException) when (detaching.IsCancellationRequested)
        {
            Terminal.Warn($"detached; the job continues in the cluster (--job {id}).");
            return Terminal.Failure;
        }
        catch (ClusterUnreachableException ex) when (connected)
        {
            Terminal.Error($"{ex.Message} The job's records are kept in the cluster and it continues when a silo is back; reattach with `pipeline cluster run --job {id}` (or run this command again with --job {id}: the same job resumes).");
            return Terminal.Failure;
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }
}
