using Pipeline.Models.Vae;
using Pipeline.Training.Batching;

namespace Pipeline.Training.Vae;

/// <summary>Held-out likelihood bounds of a trained VAE. Seeded, so the same model gives the same numbers.</summary>
public static class VaeEvaluator
{
    /// <summary>
    /// <c>evaluate</c> of a VAE run: the negative ELBO over the whole test set and the importance-weighted −log p(x)
    /// with <paramref name="samples"/> samples on its first <paramref name="images"/> images.
    /// </summary>
    public static VaeEvaluation Evaluate(TrainedVae vae, Device device, int samples, int images, int seed)
    {
        var test = vae.Data.Test;
        var elbo = NegativeElbo(vae.Model, test, device, seed: seed);
        var subset = test.Take(Math.Min(images, test.Count));
        var nll = ImportanceWeightedNll(vae.Model, subset, device, samples, seed: seed);
        return new VaeEvaluation(vae.Step, test.Count, elbo.NegElbo, elbo.Reconstruction, elbo.Kl, subset.Count, samples, nll);
    }

    /// <summary>The negative ELBO over <paramref name="data"/> with one posterior sample per image.</summary>
    public static ElboSummary NegativeElbo(VariationalAutoencoder model, ImageDataset data, Device device, int batchSize = 500, int seed = 0)
    {
        double reconstruction = 0, kl = 0;
        ForEachBatch(model, data, device, batchSize, seed, batch =>
        {
            var (rec, k) = model.NegativeElboTerms(batch);
            reconstruction += rec.sum().item<float>();
            kl += k.sum().item<float>();
        });
        return new ElboSummary((reconstruction + kl) / data.Count, reconstruction / data.Count, kl / data.Count, data.Count);
    }

    /// <summary>
    /// −log p(x) per image estimated with <paramref name="samples"/> importance samples (Burda et al. 2016); a lower
    /// bound on log p(x), so this is an upper bound on the negative log-likelihood that tightens with k.
    /// </summary>
    public static double ImportanceWeightedNll(VariationalAutoencoder model, ImageDataset data, Device device, int samples, int batchSize = 100, int seed = 0)
    {
        double total = 0;
        ForEachBatch(model, data, device, batchSize, seed, batch => total -= model.ImportanceWeightedLogLikelihood(batch, samples).sum().item<float>());
        return total / data.Count;
    }

    private static void ForEachBatch(VariationalAutoencoder model, ImageDataset data, Device device, int batchSize, int seed, Action<Tensor> accumulate)
    {
        using var mode = new EvaluationMode(model);
        var loader = new MiniBatchLoader(data, batchSize, seed, device, shuffle: false);
        random.manual_seed(seed);
        foreach (var indices in loader.Epoch(0))
        {
            using var scope = NewDisposeScope();
            accumulate(loader.Gather(indices).Images);
        }
    }
}
