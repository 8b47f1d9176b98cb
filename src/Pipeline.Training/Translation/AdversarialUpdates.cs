using TorchSharp.Modules;

namespace Pipeline.Training.Translation;

/// <summary>The small pieces every translation recipe's alternating update needs.</summary>
internal static class AdversarialUpdates
{
    /// <summary>Freezes or unfreezes a network's parameters, so G's step leaves D's gradients untouched (CycleGAN's <c>set_requires_grad</c>).</summary>
    public static void SetTrainable(IEnumerable<nn.Module> modules, bool trainable)
    {
        foreach (var module in modules)
        {
            foreach (var parameter in module.parameters())
            {
                parameter.requires_grad = trainable;
            }
        }
    }

    /// <summary>Sets every parameter group's learning rate.</summary>
    public static void SetLearningRate(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    /// <summary>Adam over the parameters of several modules, with the pix2pix/CycleGAN settings by default (2e-4, β₁ = 0.5).</summary>
    public static OptimizerHelper Adam(IEnumerable<nn.Module> modules, double rate, double beta1) =>
        optim.Adam(modules.SelectMany(m => m.parameters()), rate, beta1, 0.999);

    /// <summary>The per-step seed both libtorch (dropout) and the image pool draw from, so a resumed step repeats exactly.</summary>
    public static Random SeedStep(int seed, long step)
    {
        var stepSeed = StepSeeds.For(seed, step);
        random.manual_seed(stepSeed);
        return new Random(unchecked((int)stepSeed));
    }
}
