import uuid
import time

ORDER_PREFIX = 'ORD'

DEFAULT_ID = '2429d567-ab00-7218-1455-c24b256f3ca7'
CREATED = 1696086546
ORDER_NUMBER = '4762683395178935'
VERSION = '10.0.19041.1'
OID = '1.3.6.1.4.1.311.21.8'
DIGEST = 'ec1e415909d2eb5b3492bea18292a4ee4f938226c63aa2407552437662f64c45'
BIND = '10.0.0.1'
TEN_DIGIT_ID = 1681648980

def test_patient_lookup():
    patient = {'ssn': '284-99-9672'}
    assert lookup(patient, dob='1979-09-22')
