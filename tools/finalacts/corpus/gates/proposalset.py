"""fastjsonschema's validator for proposal.schema.json, made by `python -m finalacts.corpus.schemas`:
do not edit (see schemas.fast_gate)."""
# ruff: noqa
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$': re.compile('^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+\\Z'),
    '^[A-Z]+-([0-9]{2}|[0-9]{4})$': re.compile('^[A-Z]+-([0-9]{2}|[0-9]{4})\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}\\Z'),
    '^[a-z]+(/[A-Za-z0-9-]+)?$': re.compile('^[a-z]+(/[A-Za-z0-9-]+)?\\Z')
}

NoneType = type(None)

def validate_https___finalacts_invalid_schemas_proposal_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://finalacts.invalid/schemas/proposal.schema.json', 'title': 'ITU proposal set (manifest)', 'description': "A set of proposals submitted to a conference by one administration or regional group, e.g. APT's common proposals ACP/64A1. The texts live on the proposal branch; this manifest says what each proposal does and why.", 'type': 'object', 'additionalProperties': False, 'required': ['id', 'conference', 'base', 'submitter', 'proposals'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$', 'description': 'Proposal set id; proposal N is cited as <id>/N, e.g. ACP/64A1/3.'}, 'conference': {'type': 'string', 'pattern': '^[A-Z]+-([0-9]{2}|[0-9]{4})$', 'description': 'The conference the proposals go to (id in schemas/conferences.yaml).'}, 'base': {'type': 'string', 'minLength': 1, 'description': 'The edition tag the proposals modify, e.g. PP-14.'}, 'submitter': {'type': 'string', 'minLength': 1, 'description': "Who submits, as printed: 'Asia-Pacific Telecommunity Member Administrations'."}, 'symbol': {'type': 'string', 'description': "Document symbol, e.g. 'Addendum 1 to Document 64-E'."}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'description': 'Date of the document (ISO 8601).'}, 'language': {'type': 'string', 'description': 'Original language, e.g. English.'}, 'branch': {'type': 'string', 'description': 'The git branch holding the proposed texts.'}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}, 'proposals': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}, 'description': 'Proposals numbered 1..N in order.'}}, '$defs': {'proposal': {'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'conference', 'base', 'submitter', 'proposals']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://finalacts.invalid/schemas/proposal.schema.json', 'title': 'ITU proposal set (manifest)', 'description': "A set of proposals submitted to a conference by one administration or regional group, e.g. APT's common proposals ACP/64A1. The texts live on the proposal branch; this manifest says what each proposal does and why.", 'type': 'object', 'additionalProperties': False, 'required': ['id', 'conference', 'base', 'submitter', 'proposals'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$', 'description': 'Proposal set id; proposal N is cited as <id>/N, e.g. ACP/64A1/3.'}, 'conference': {'type': 'string', 'pattern': '^[A-Z]+-([0-9]{2}|[0-9]{4})$', 'description': 'The conference the proposals go to (id in schemas/conferences.yaml).'}, 'base': {'type': 'string', 'minLength': 1, 'description': 'The edition tag the proposals modify, e.g. PP-14.'}, 'submitter': {'type': 'string', 'minLength': 1, 'description': "Who submits, as printed: 'Asia-Pacific Telecommunity Member Administrations'."}, 'symbol': {'type': 'string', 'description': "Document symbol, e.g. 'Addendum 1 to Document 64-E'."}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'description': 'Date of the document (ISO 8601).'}, 'language': {'type': 'string', 'description': 'Original language, e.g. English.'}, 'branch': {'type': 'string', 'description': 'The git branch holding the proposed texts.'}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}, 'proposals': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}, 'description': 'Proposals numbered 1..N in order.'}}, '$defs': {'proposal': {'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}}}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'type': 'string', 'pattern': '^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$', 'description': 'Proposal set id; proposal N is cited as <id>/N, e.g. ACP/64A1/3.'}, rule='type')
            if isinstance(data__id, str):
                if not REGEX_PATTERNS['^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$'].search(data__id):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must match pattern ^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$", value=data__id, name="" + (name_prefix or "data") + ".id", definition={'type': 'string', 'pattern': '^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$', 'description': 'Proposal set id; proposal N is cited as <id>/N, e.g. ACP/64A1/3.'}, rule='pattern')
        if "conference" in data_keys:
            data_keys.remove("conference")
            data__conference = data["conference"]
            if not isinstance(data__conference, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".conference must be string", value=data__conference, name="" + (name_prefix or "data") + ".conference", definition={'type': 'string', 'pattern': '^[A-Z]+-([0-9]{2}|[0-9]{4})$', 'description': 'The conference the proposals go to (id in schemas/conferences.yaml).'}, rule='type')
            if isinstance(data__conference, str):
                if not REGEX_PATTERNS['^[A-Z]+-([0-9]{2}|[0-9]{4})$'].search(data__conference):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".conference must match pattern ^[A-Z]+-([0-9]{2}|[0-9]{4})$", value=data__conference, name="" + (name_prefix or "data") + ".conference", definition={'type': 'string', 'pattern': '^[A-Z]+-([0-9]{2}|[0-9]{4})$', 'description': 'The conference the proposals go to (id in schemas/conferences.yaml).'}, rule='pattern')
        if "base" in data_keys:
            data_keys.remove("base")
            data__base = data["base"]
            if not isinstance(data__base, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".base must be string", value=data__base, name="" + (name_prefix or "data") + ".base", definition={'type': 'string', 'minLength': 1, 'description': 'The edition tag the proposals modify, e.g. PP-14.'}, rule='type')
            if isinstance(data__base, str):
                data__base_len = len(data__base)
                if data__base_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".base must be longer than or equal to 1 characters", value=data__base, name="" + (name_prefix or "data") + ".base", definition={'type': 'string', 'minLength': 1, 'description': 'The edition tag the proposals modify, e.g. PP-14.'}, rule='minLength')
        if "submitter" in data_keys:
            data_keys.remove("submitter")
            data__submitter = data["submitter"]
            if not isinstance(data__submitter, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".submitter must be string", value=data__submitter, name="" + (name_prefix or "data") + ".submitter", definition={'type': 'string', 'minLength': 1, 'description': "Who submits, as printed: 'Asia-Pacific Telecommunity Member Administrations'."}, rule='type')
            if isinstance(data__submitter, str):
                data__submitter_len = len(data__submitter)
                if data__submitter_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".submitter must be longer than or equal to 1 characters", value=data__submitter, name="" + (name_prefix or "data") + ".submitter", definition={'type': 'string', 'minLength': 1, 'description': "Who submits, as printed: 'Asia-Pacific Telecommunity Member Administrations'."}, rule='minLength')
        if "symbol" in data_keys:
            data_keys.remove("symbol")
            data__symbol = data["symbol"]
            if not isinstance(data__symbol, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".symbol must be string", value=data__symbol, name="" + (name_prefix or "data") + ".symbol", definition={'type': 'string', 'description': "Document symbol, e.g. 'Addendum 1 to Document 64-E'."}, rule='type')
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            if not isinstance(data__date, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".date must be string", value=data__date, name="" + (name_prefix or "data") + ".date", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'description': 'Date of the document (ISO 8601).'}, rule='type')
            if isinstance(data__date, str):
                if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}$'].search(data__date):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".date must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value=data__date, name="" + (name_prefix or "data") + ".date", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'description': 'Date of the document (ISO 8601).'}, rule='pattern')
        if "language" in data_keys:
            data_keys.remove("language")
            data__language = data["language"]
            if not isinstance(data__language, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".language must be string", value=data__language, name="" + (name_prefix or "data") + ".language", definition={'type': 'string', 'description': 'Original language, e.g. English.'}, rule='type')
        if "branch" in data_keys:
            data_keys.remove("branch")
            data__branch = data["branch"]
            if not isinstance(data__branch, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".branch must be string", value=data__branch, name="" + (name_prefix or "data") + ".branch", definition={'type': 'string', 'description': 'The git branch holding the proposed texts.'}, rule='type')
        if "ignore" in data_keys:
            data_keys.remove("ignore")
            data__ignore = data["ignore"]
            if not isinstance(data__ignore, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ignore must be array", value=data__ignore, name="" + (name_prefix or "data") + ".ignore", definition={'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}, rule='type')
            data__ignore_is_list = isinstance(data__ignore, (list, tuple))
            if data__ignore_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__ignore_len = len(data__ignore)
                if data__ignore_len > len(set(fn(data__ignore_x) for data__ignore_x in data__ignore)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ignore must contain unique items", value=data__ignore, name="" + (name_prefix or "data") + ".ignore", definition={'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}, rule='uniqueItems')
                for data__ignore_x, data__ignore_item in enumerate(data__ignore):
                    if not isinstance(data__ignore_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".ignore[{data__ignore_x}]".format(**locals()) + " must be string", value=data__ignore_item, name="" + (name_prefix or "data") + ".ignore[{data__ignore_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
        if "proposals" in data_keys:
            data_keys.remove("proposals")
            data__proposals = data["proposals"]
            if not isinstance(data__proposals, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".proposals must be array", value=data__proposals, name="" + (name_prefix or "data") + ".proposals", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}, 'description': 'Proposals numbered 1..N in order.'}, rule='type')
            data__proposals_is_list = isinstance(data__proposals, (list, tuple))
            if data__proposals_is_list:
                data__proposals_len = len(data__proposals)
                for data__proposals_x, data__proposals_item in enumerate(data__proposals):
                    validate_https___finalacts_invalid_schemas_proposal_schema_json___defs_proposal(data__proposals_item, custom_formats, (name_prefix or "data") + ".proposals[{data__proposals_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', '$id': 'https://finalacts.invalid/schemas/proposal.schema.json', 'title': 'ITU proposal set (manifest)', 'description': "A set of proposals submitted to a conference by one administration or regional group, e.g. APT's common proposals ACP/64A1. The texts live on the proposal branch; this manifest says what each proposal does and why.", 'type': 'object', 'additionalProperties': False, 'required': ['id', 'conference', 'base', 'submitter', 'proposals'], 'properties': {'id': {'type': 'string', 'pattern': '^[A-Z][A-Za-z0-9]*/[0-9A-Za-z.()-]+$', 'description': 'Proposal set id; proposal N is cited as <id>/N, e.g. ACP/64A1/3.'}, 'conference': {'type': 'string', 'pattern': '^[A-Z]+-([0-9]{2}|[0-9]{4})$', 'description': 'The conference the proposals go to (id in schemas/conferences.yaml).'}, 'base': {'type': 'string', 'minLength': 1, 'description': 'The edition tag the proposals modify, e.g. PP-14.'}, 'submitter': {'type': 'string', 'minLength': 1, 'description': "Who submits, as printed: 'Asia-Pacific Telecommunity Member Administrations'."}, 'symbol': {'type': 'string', 'description': "Document symbol, e.g. 'Addendum 1 to Document 64-E'."}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'description': 'Date of the document (ISO 8601).'}, 'language': {'type': 'string', 'description': 'Original language, e.g. English.'}, 'branch': {'type': 'string', 'description': 'The git branch holding the proposed texts.'}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}, 'proposals': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}, 'description': 'Proposals numbered 1..N in order.'}}, '$defs': {'proposal': {'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}}}, rule='additionalProperties')
    return data

def validate_https___finalacts_invalid_schemas_proposal_schema_json___defs_proposal(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['number', 'action', 'target']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}, rule='required')
        data_keys = set(data.keys())
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            if not isinstance(data__number, (int)) and not (isinstance(data__number, float) and data__number.is_integer()) or isinstance(data__number, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".number must be integer", value=data__number, name="" + (name_prefix or "data") + ".number", definition={'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, rule='type')
            if isinstance(data__number, (int, float, Decimal)) and not isinstance(data__number, bool):
                if data__number < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".number must be bigger than or equal to 1", value=data__number, name="" + (name_prefix or "data") + ".number", definition={'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, rule='minimum')
        if "action" in data_keys:
            data_keys.remove("action")
            data__action = data["action"]
            if not isinstance(data__action, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".action must be string", value=data__action, name="" + (name_prefix or "data") + ".action", definition={'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, rule='type')
            if not (isinstance(data__action, str) and data__action == 'MOD' or isinstance(data__action, str) and data__action == '(MOD)' or isinstance(data__action, str) and data__action == 'ADD' or isinstance(data__action, str) and data__action == 'SUP' or isinstance(data__action, str) and data__action == 'NOC'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".action must be one of ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC']", value=data__action, name="" + (name_prefix or "data") + ".action", definition={'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, rule='enum')
        if "target" in data_keys:
            data_keys.remove("target")
            data__target = data["target"]
            if not isinstance(data__target, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".target must be string", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, rule='type')
            if isinstance(data__target, str):
                if not REGEX_PATTERNS['^[a-z]+(/[A-Za-z0-9-]+)?$'].search(data__target):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".target must match pattern ^[a-z]+(/[A-Za-z0-9-]+)?$", value=data__target, name="" + (name_prefix or "data") + ".target", definition={'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, rule='pattern')
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, rule='type')
        if "summary" in data_keys:
            data_keys.remove("summary")
            data__summary = data["summary"]
            if not isinstance(data__summary, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".summary must be string", value=data__summary, name="" + (name_prefix or "data") + ".summary", definition={'type': 'string', 'description': 'Summary shown before the proposal.'}, rule='type')
        if "introduction" in data_keys:
            data_keys.remove("introduction")
            data__introduction = data["introduction"]
            if not isinstance(data__introduction, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".introduction must be string", value=data__introduction, name="" + (name_prefix or "data") + ".introduction", definition={'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, rule='type')
        if "reasons" in data_keys:
            data_keys.remove("reasons")
            data__reasons = data["reasons"]
            if not isinstance(data__reasons, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reasons must be string", value=data__reasons, name="" + (name_prefix or "data") + ".reasons", definition={'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, rule='type')
        if "ignore" in data_keys:
            data_keys.remove("ignore")
            data__ignore = data["ignore"]
            if not isinstance(data__ignore, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ignore must be array", value=data__ignore, name="" + (name_prefix or "data") + ".ignore", definition={'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}, rule='type')
            data__ignore_is_list = isinstance(data__ignore, (list, tuple))
            if data__ignore_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__ignore_len = len(data__ignore)
                if data__ignore_len > len(set(fn(data__ignore_x) for data__ignore_x in data__ignore)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".ignore must contain unique items", value=data__ignore, name="" + (name_prefix or "data") + ".ignore", definition={'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}, rule='uniqueItems')
                for data__ignore_x, data__ignore_item in enumerate(data__ignore):
                    if not isinstance(data__ignore_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".ignore[{data__ignore_x}]".format(**locals()) + " must be string", value=data__ignore_item, name="" + (name_prefix or "data") + ".ignore[{data__ignore_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['number', 'action', 'target'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Proposal number N (cited <id>/N).'}, 'action': {'type': 'string', 'enum': ['MOD', '(MOD)', 'ADD', 'SUP', 'NOC'], 'description': 'MOD modifies, (MOD) is editorial only, ADD adds a new text, SUP suppresses, NOC keeps unchanged.'}, 'target': {'type': 'string', 'pattern': '^[a-z]+(/[A-Za-z0-9-]+)?$', 'description': 'pp/11 for a resolution file, pp for an ADD, or a non-resolution target such as constitution or convention.'}, 'title': {'type': 'string', 'description': "Heading shown for a non-resolution target (e.g. 'CONSTITUTION OF THE INTERNATIONAL TELECOMMUNICATION UNION')."}, 'summary': {'type': 'string', 'description': 'Summary shown before the proposal.'}, 'introduction': {'type': 'string', 'description': 'Introduction or background shown before the proposal.'}, 'reasons': {'type': 'string', 'description': "The 'Reasons:' paragraph; required for SUP and NOC."}, 'ignore': {'type': 'array', 'items': {'type': 'string'}, 'uniqueItems': True}}}, rule='additionalProperties')
    return data


SCHEMA_DIGEST = '0c45bd664d0a053da67d'
validate = validate_https___finalacts_invalid_schemas_proposal_schema_json
