using System.Text.Json;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>
/// The learned part of the router: which department (calibrated), whether a chat message is a request
/// at all, and what kind of ticket it is. Built by <see cref="RouterTraining"/>; saved and loaded as
/// one folder of ML.NET models.
/// </summary>
public sealed class RouterModel(string version, TextClassifier departments, TextClassifier requests, TextClassifier types)
{
    public const string Request = "request";
    public const string Chatter = "chatter";

    /// <summary>The hash of the training set and settings: the same version is the same model.</summary>
    public string Version { get; } = version;

    public TextClassifier Departments { get; } = departments;

    public TextClassifier Requests { get; } = requests;

    public TextClassifier Types { get; } = types;

    /// <summary>Every department with its calibrated probability, most likely first.</summary>
    public IReadOnlyList<DepartmentGuess> RankDepartments(string text) =>
        Departments.Predict(text).Select(p => new DepartmentGuess(p.Label, Math.Round(p.Probability, 4))).ToList();

    public double RequestProbability(string text) =>
        Requests.Predict(text).Single(p => p.Label == Request).Probability;

    public TicketType Type(string text) => Enum.Parse<TicketType>(Types.Predict(text)[0].Label);

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

        return new RouterModel(version, Part("departments"), Part("requests"), Part("types"));
    }

    private IEnumerable<(string Name, TextClassifier Classifier)> Parts() =>
        [("departments", Departments), ("requests", Requests), ("types", Types)];
}
