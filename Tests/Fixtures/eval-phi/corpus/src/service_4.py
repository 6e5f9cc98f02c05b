import uuid
import time

ORDER_PREFIX = 'ORD'

DEFAULT_ID = 'ef205abc-7997-7ec2-f762-219249f6230c'
CREATED = 1742922254
ORDER_NUMBER = '4151514071383714'
VERSION = '10.0.19041.1'
OID = '1.3.6.1.4.1.311.21.8'
DIGEST = 'f2e90bc24a05852b9c468561b09eed78c83c2cdc73a1ab36bbdddfb64092fe79'
BIND = '10.0.0.1'
TEN_DIGIT_ID = 2223395312

def test_patient_lookup():
    patient = {'ssn': '042-43-8968'}
    assert lookup(patient, dob='1980-09-01')
