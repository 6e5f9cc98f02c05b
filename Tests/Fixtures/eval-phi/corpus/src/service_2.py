import uuid
import time

ORDER_PREFIX = 'ORD'

DEFAULT_ID = '33f7fe83-952a-5fef-71a1-6f9932ae5155'
CREATED = 1654676397
ORDER_NUMBER = '4421166394689691'
VERSION = '10.0.19041.1'
OID = '1.3.6.1.4.1.311.21.8'
DIGEST = 'fbc2e763e8cb2257ff9fec9afe7e4bf704ecc9d29ea57d79b09e3ca60e298ce8'
BIND = '10.0.0.1'
TEN_DIGIT_ID = 1382732026

def test_patient_lookup():
    patient = {'ssn': '337-92-0737'}
    assert lookup(patient, dob='1954-11-13')
