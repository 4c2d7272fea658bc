from replylint.engine.yamlload import load_yaml


def test_yes_no_on_off_stay_strings_true_false_are_booleans():
    data = load_yaml("phrases: [no, on, yes, off, n]\nflags: [true, False]\npattern: {LOWER: no}\n", "r.yaml")
    assert data == {"phrases": ["no", "on", "yes", "off", "n"], "flags": [True, False], "pattern": {"LOWER": "no"}}
