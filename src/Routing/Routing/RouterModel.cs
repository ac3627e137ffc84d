using System.Globalization;
using System.Text.Json;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>
/// The learned part of the router: which department (calibrated), whether a chat message is a request
/// at all, what kind of ticket it is, and whether it is urgent. Built by <see cref="RouterTraining"/>;
/// saved and loaded as one folder of ML.NET models.
/// </summary>
public sealed class RouterModel(string version, TextClassifier departments, TextClassifier requests, TextClassifier types, TextClassifier urgency)
{
    public const string Request = "request";
    public const string Chatter = "chatter";
    public const string Urgent = "urgent";
    public const string Routine = "routine";

    /// <summary>The hash of the training set and settings: the same version is the same model.</summary>
    public string Version { get; } = version;

    public TextClassifier Departments { get; } = departments;

    public TextClassifier Requests { get; } = requests;

    public TextClassifier Types { get; } = types;

    public TextClassifier Urgency { get; } = urgency;

    /// <summary>Every department with its calibrated probability, most likely first.</summary>
    public IReadOnlyList<DepartmentGuess> RankDepartments(string text) =>
        Departments.Predict(text).Select(p => new DepartmentGuess(p.Label, Math.Round(p.Probability, 4))).ToList();

    public double RequestProbability(string text) =>
        Requests.Predict(text).Single(p => p.Label == Request).Probability;

    public TicketType Type(string text) => Enum.Parse<TicketType>(Types.Predict(text)[0].Label);

    public double UrgentProbability(string text) =>
        Urgency.Predict(text).Single(p => p.Label == Urgent).Probability;

    /// <summary>
    /// Why the text is urgent, or null: the danger pattern that fired (<see cref="UrgencyDetector"/>), else
    /// the classifier's confidence when it reaches <see cref="RouterTraining.UrgentAbove"/>. The two are
    /// OR'ed because each catches what the other misses: patterns the rare hazard worded as listed,
    /// the classifier dangers told in everyday words.
    /// </summary>
    public string? UrgentCue(string text)
    {
        if (UrgencyDetector.Detect(text) is { } cue)
        {
            return cue;
        }

        var probability = UrgentProbability(text);
        return probability >= RouterTraining.UrgentAbove
            ? string.Create(CultureInfo.InvariantCulture, $"模型判断紧急 ({probability:0.00})")
            : null;
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, classifier) in Parts())
        {
            using var stream = File.Create(Path.Combine(directory, $"{name}.zip"));
            classifier.Save(stream);
        }

        File.WriteAllText(Path.Combine(directory, "temperatures.json"),
            JsonSerializer.Serialize(Parts().ToDictionary(p => p.Name, p => p.Classifier.Temperature)));
    }

    public static RouterModel Load(string directory, string version)
    {
        var temperatures = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(directory, "temperatures.json")))
            ?? throw new InvalidDataException($"{directory}/temperatures.json is empty.");
        TextClassifier Part(string name)
        {
            using var stream = File.OpenRead(Path.Combine(directory, $"{name}.zip"));
            return TextClassifierTrainer.Load(stream, temperatures[name]);
        }

        return new RouterModel(version, Part("departments"), Part("requests"), Part("types"), Part("urgency"));
    }

    private IEnumerable<(string Name, TextClassifier Classifier)> Parts() =>
        [("departments", Departments), ("requests", Requests), ("types", Types), ("urgency", Urgency)];
}
