"""Reads the Python code protoc generated from uda's .proto files with the
protobuf runtime (4.25, which accepts protoc 3.21's output).

    check_protobuf.py numbers DIR     every message field and enum value of
                                      every *_pb2 module in DIR, as JSON:
                                      {"pkg.Type": {"member": number}}
    check_protobuf.py roundtrip DIR   encodes studio and marketing messages
                                      (scalars, optional, repeated, enums,
                                      key messages across packages, a
                                      Timestamp, LangString) to the wire
                                      format and to JSON, decodes them, and
                                      checks they are equal; prints "ok"
    check_protobuf.py encode DIR MODULE MESSAGE JSON
                                      the message given as JSON, encoded: the
                                      wire bytes in hex
    check_protobuf.py decode DIR MODULE MESSAGE HEX
                                      wire bytes decoded as the message:
                                      its JSON (field names as in the file)
"""

import importlib
import json
import pathlib
import sys


def modules(directory):
    sys.path.insert(0, directory)
    for path in sorted(pathlib.Path(directory).glob("*_pb2.py")):
        yield importlib.import_module(path.stem)


def numbers(directory):
    found = {}
    for module in modules(directory):
        descriptor = module.DESCRIPTOR
        for message in descriptor.message_types_by_name.values():
            found[message.full_name] = {f.name: f.number for f in message.fields}
        for enum in descriptor.enum_types_by_name.values():
            found[enum.full_name] = {v.name: v.number for v in enum.values}
    print(json.dumps(found, sort_keys=True))


def roundtrip(directory):
    from google.protobuf import json_format

    loaded = {m.__name__: m for m in modules(directory)}
    studio, marketing = loaded["studio_pb2"], loaded["marketing_pb2"]

    film = studio.Film(work_id="w1", title="Alien", is_color=True, budget="11000000.00")
    film.created_at.FromJsonString("2024-05-01T12:30:00Z")
    film.genres.extend([studio.GENRE_THRILLER, studio.GENRE_DRAMA])
    film.keywords.extend(["space", "horror"])
    film.produced_by.add(studio_id=7)
    film.localized_titles.add(value="Alien, le huitième passager", lang="fr")
    film.release_date = "1979-05-25"
    film.age_rating = 16
    film.box_office = 184_700_000
    assert film.HasField("age_rating") and not film.HasField("synopsis")

    campaign = marketing.Campaign(
        campaign_id="c1", name="Relaunch", budget="5000.00", start_date="2024-06-01",
        channel=marketing.CHANNEL_CINEMA,
    )
    campaign.promotes.add(work_id="w1")
    campaign.audience.regions.append("EU")
    campaign.audience.age_min = 16

    for message in (film, campaign):
        wire = message.SerializeToString()
        decoded = type(message).FromString(wire)
        assert decoded == message, (decoded, message)
        text = json_format.MessageToJson(message)
        assert json_format.Parse(text, type(message)()) == message, text
    # The same bytes read as the key message: field 1 of Film is its key.
    key = studio.WorkKey.FromString(film.SerializeToString())
    assert key.work_id == "w1", key
    print("ok")


def message_type(directory, module, message):
    sys.path.insert(0, directory)
    return getattr(importlib.import_module(module), message)


def encode(directory, module, message, text):
    from google.protobuf import json_format

    parsed = json_format.Parse(text, message_type(directory, module, message)())
    print(parsed.SerializeToString().hex())


def decode(directory, module, message, hexed):
    from google.protobuf import json_format

    decoded = message_type(directory, module, message).FromString(bytes.fromhex(hexed))
    print(json.dumps(json_format.MessageToDict(decoded, preserving_proto_field_name=True), sort_keys=True))


if __name__ == "__main__":
    modes = {"numbers": numbers, "roundtrip": roundtrip, "encode": encode, "decode": decode}
    modes[sys.argv[1]](*sys.argv[2:])
