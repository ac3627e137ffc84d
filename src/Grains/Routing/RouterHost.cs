using System.Collections.Concurrent;
using HotlineDispatch.Departments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Routing;

/// <summary>
/// Holds this silo's router model. The first use loads the generation in force (from the cache under
/// <see cref="RoutingOptions.ModelDirectory"/> when that version was trained before, else by training
/// it, a few seconds); <see cref="RetrainAsync"/> trains with every correction so far and publishes the
/// new generation, and <see cref="SyncAsync"/> lets other silos follow without a restart.
/// </summary>
public sealed class RouterHost(
    IGrainFactory grains,
    IRoutingCorrections corrections,
    LabelledSamples samples,
    DepartmentCatalog catalog,
    RoutingOptions options,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
    ILogger<RouterHost> logger)
{
    // Several silos in one process (the tests' clusters) share each trained version instead of training it again.
    private static readonly ConcurrentDictionary<string, Lazy<RouterModel>> Trained = new();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Loaded? _loaded;

    private IRoutingLearningGrain Learning => grains.GetGrain<IRoutingLearningGrain>(IRoutingLearningGrain.Key);

    public async Task<RouterModel> ModelAsync() => _loaded?.Model ?? (await SyncAsync()).Model;

    /// <summary>The generation this silo serves, loading the one in force if it changed.</summary>
    public async Task<(RouterGeneration Generation, RouterModel Model)> SyncAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var generation = await Learning.Current();
            if (_loaded is { } loaded && loaded.Generation.Generation == generation.Generation)
            {
                return (loaded.Generation, loaded.Model);
            }

            var model = await Build(RouterTraining.From(samples, catalog, await corrections.UpToAsync(generation.Included)));
            _loaded = new Loaded(generation, model);
            logger.LogInformation("Router model {Version} (generation {Generation}, {Corrections} corrections) in service",
                model.Version, generation.Generation, generation.Included);
            return (generation, model);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Trains with every correction collected so far and puts that model in force for every silo.</summary>
    public async Task<RouterGeneration> RetrainAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var latest = await corrections.LatestAsync();
            var model = await Build(RouterTraining.From(samples, catalog, await corrections.UpToAsync(latest)));
            var generation = await Learning.Publish((int)latest, model.Version, time.GetUtcNow());
            _loaded = new Loaded(generation, model);
            logger.LogInformation("Router retrained: model {Version}, generation {Generation}, {Corrections} corrections",
                model.Version, generation.Generation, generation.Included);
            return generation;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<RouterModel> Build(RouterTraining training) => Task.Run(() =>
    {
        var version = training.Version();
        var lazy = Trained.GetOrAdd(version, v => new Lazy<RouterModel>(() => LoadOrTrain(training, v)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Trained.TryRemove(new KeyValuePair<string, Lazy<RouterModel>>(version, lazy));
            throw;
        }
    });

    private RouterModel LoadOrTrain(RouterTraining training, string version)
    {
        var directory = Path.Combine(options.ModelDirectory, version);
        if (Directory.Exists(directory))
        {
            try
            {
                return RouterModel.Load(directory, version);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Cached router model {Directory} is unreadable; training it again", directory);
                Directory.Delete(directory, recursive: true);
            }
        }

        var started = time.GetTimestamp();
        var model = training.Train();
        // Written aside and moved into place, so a crash mid-write never leaves a half model to load.
        var partial = $"{directory}.partial-{Guid.NewGuid():N}";
        model.Save(partial);
        try
        {
            Directory.Move(partial, directory);
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            Directory.Delete(partial, recursive: true);
        }

        logger.LogInformation("Trained router model {Version} in {Elapsed}", version, time.GetElapsedTime(started));
        return model;
    }

    private sealed record Loaded(RouterGeneration Generation, RouterModel Model);
}
