using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HotlineDispatch.Routing;

/// <summary>
/// A trained ML.NET text classifier and the temperature that calibrates its probabilities. Safe to
/// share: ML.NET's prediction engines are not, so each call borrows one from a small pool.
/// </summary>
public sealed class TextClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<ClassifierInput, ClassifierOutput>> _engines = [];

    internal TextClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema, IReadOnlyList<string> labels, double temperature)
    {
        _ml = ml;
        _model = model;
        InputSchema = inputSchema;
        Labels = labels;
        Temperature = temperature;
    }

    /// <summary>The classes, in the order of the model's scores.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Scores are raised to 1/T and renormalised: above 1 softens over-confident probabilities, below 1 sharpens.</summary>
    public double Temperature { get; }

    internal DataViewSchema InputSchema { get; }

    /// <summary>Every class with its calibrated probability, most likely first.</summary>
    public IReadOnlyList<(string Label, double Probability)> Predict(string text)
    {
        var engine = _engines.TryTake(out var pooled) ? pooled : _ml.Model.CreatePredictionEngine<ClassifierInput, ClassifierOutput>(_model);
        try
        {
            var scores = engine.Predict(ClassifierInput.Of(text)).Score;
            return Calibrate(scores, Temperature)
                .Select((p, i) => (Labels[i], p))
                .OrderByDescending(x => x.p)
                .ToList();
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    public void Save(Stream stream) => _ml.Model.Save(_model, InputSchema, stream);

    internal static double[] Calibrate(IReadOnlyList<float> probabilities, double temperature)
    {
        var logits = probabilities.Select(p => Math.Log(Math.Max(p, 1e-12)) / temperature).ToArray();
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }
}

/// <summary>The row a classifier reads.</summary>
public sealed class ClassifierInput
{
    public string Text { get; set; } = "";

    public string Words { get; set; } = "";

    public string Cues { get; set; } = "";

    public string Label { get; set; } = "";

    public float Weight { get; set; } = 1;

    public static ClassifierInput Of(string text, string label = "", float weight = 1)
    {
        var normalized = RoutingText.Normalize(text);
        return new ClassifierInput
        {
            Text = normalized,
            Words = WordSegmenter.Words(normalized),
            Cues = RequestCues.Of(normalized),
            Label = label,
            Weight = weight,
        };
    }
}

/// <summary>The row a classifier writes: one probability per class, in the order of its labels.</summary>
public sealed class ClassifierOutput
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
